package dev.sluice.app;

/** A message above the content: a problem with its fix, or a note. {@code id} lets the user dismiss it once. */
public record Notice(String id, Level level, String title, String text) {

    public enum Level { INFO, WARNING, DANGER }
}
