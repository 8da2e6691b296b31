package dev.sluice.qemu;

import java.util.Optional;

/** One file in an image library folder: its info, or why qemu-img could not read it. */
public record LibraryImage(String folder, String path, String name, Optional<ImageInfo> info, Optional<String> problem) {
}
