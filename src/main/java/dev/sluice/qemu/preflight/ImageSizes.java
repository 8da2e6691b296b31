package dev.sluice.qemu.preflight;

/** An image file's virtual size (qemu-img info), for the declared-size check. */
@FunctionalInterface
public interface ImageSizes {
    long virtualSize(String imagePath) throws Exception;
}
