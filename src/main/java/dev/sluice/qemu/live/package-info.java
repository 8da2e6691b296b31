/**
 * Moving a running QEMU guest's drive to another device without stopping the guest: change tracking with
 * dirty bitmaps, bitmap-driven copy rounds ({@code blockdev-backup sync=bitmap}), a short pause for the last
 * round, then a {@code blockdev-mirror} whose completion pivots the drive. What the guest's QEMU can do is
 * probed from its QMP schema ({@link dev.sluice.qemu.live.LiveSupport}).
 */
package dev.sluice.qemu.live;
