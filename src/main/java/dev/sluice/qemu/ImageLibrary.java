package dev.sluice.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The image library of one host: folders on that host that hold disk images. The folder list
 * is kept locally in {@code library.json} beside the host's QEMU VM definitions.
 */
public final class ImageLibrary {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("qcow2", "qcow", "img", "raw", "vmdk", "vdi", "vhd", "vhdx");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Folders(List<String> folders) {
    }

    private final CommandRunner runner;
    private final QemuImg qemuImg;
    private final Path configFile;

    public ImageLibrary(CommandRunner runner, QemuImg qemuImg, Path hostQemuConfigDir) {
        this.runner = runner;
        this.qemuImg = qemuImg;
        this.configFile = hostQemuConfigDir.resolve("library.json");
    }

    public synchronized List<String> folders() {
        if (!Files.exists(configFile)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(configFile.toFile(), Folders.class).folders());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image library list " + configFile, e);
        }
    }

    public synchronized void addFolder(String folder) {
        if (!folder.startsWith("/")) {
            throw new IllegalArgumentException("A library folder needs an absolute path on the host, e.g. /srv/images");
        }
        Set<String> all = new LinkedHashSet<>(folders());
        all.add(folder.replaceAll("/+$", ""));
        save(List.copyOf(all));
    }

    public synchronized void removeFolder(String folder) {
        List<String> all = new ArrayList<>(folders());
        all.remove(folder);
        save(all);
    }

    private void save(List<String> folders) {
        try {
            dev.sluice.host.PrivateFiles.replace(configFile, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, new Folders(folders)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the image library list " + configFile, e);
        }
    }

    /** Lists every folder's images with their info; one unreadable image does not hide the others. */
    public List<LibraryImage> list() throws CommandException {
        List<LibraryImage> out = new ArrayList<>();
        for (String folder : folders()) {
            out.addAll(list(folder));
        }
        return out;
    }

    public List<LibraryImage> list(String folder) throws CommandException {
        // -print0: file names may hold any byte but NUL
        var result = runner.runAllowingFailure(Command.of("find", folder, "-maxdepth", "1", "-type", "f", "-print0"));
        List<LibraryImage> out = new ArrayList<>();
        for (String path : result.stdout().split("\0")) {
            if (path.isEmpty() || !isImageName(path)) {
                continue;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            try {
                out.add(new LibraryImage(folder, path, name, Optional.of(qemuImg.info(path)), Optional.empty()));
            } catch (QemuImgException e) {
                out.add(new LibraryImage(folder, path, name, Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        out.sort(java.util.Comparator.comparing(LibraryImage::name));
        return out;
    }

    static boolean isImageName(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && IMAGE_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
