package dev.sluice.qemu;

import java.util.List;
import java.util.Optional;

/**
 * One image as {@code qemu-img info --output=json} describes it. {@code backingChain} holds the
 * images below this one (nearest first) when asked for with {@code --backing-chain}.
 * {@code actualSize} is -1 when qemu-img could not tell (some remote protocols).
 */
public record ImageInfo(String filename, String format, long virtualSize, long actualSize, boolean dirty,
                        Optional<String> backingFile, Optional<String> backingFormat, long clusterSize,
                        boolean encrypted, boolean corrupt, List<ImageSnapshot> snapshots, List<ImageInfo> backingChain) {

    public ImageInfo {
        snapshots = List.copyOf(snapshots);
        backingChain = List.copyOf(backingChain);
    }

    public Optional<ImageFormat> knownFormat() {
        return ImageFormat.fromQemu(format);
    }

    public boolean hasBacking() {
        return backingFile.isPresent();
    }

    ImageInfo withBackingChain(List<ImageInfo> chain) {
        return new ImageInfo(filename, format, virtualSize, actualSize, dirty, backingFile, backingFormat, clusterSize,
                encrypted, corrupt, snapshots, chain);
    }
}
