/**
 * ZFS on a host as typed records: pools, vdevs, datasets, zvols, snapshots, bookmarks, holds, and
 * the operations a VM admin needs, built on {@link dev.sluice.host.CommandRunner}.
 *
 * <h2>Where to start</h2>
 * <pre>
 * ZfsService zfs = new ZfsService(runner);                // blocking; call from a BackgroundTask
 * zfs.pools(); zfs.poolStatus("tank"); zfs.datasets(); zfs.zvols(); zfs.snapshots("tank/vm");
 * Zvol v = zfs.createZvol("tank/vm", "10G", true, null, Map.of());   // thin, default volblocksize
 * zfs.snapshot(List.of("tank/vm@a", "tank/db@a"));                  // one atomic call
 * RollbackPlan p = zfs.rollbackPlan("tank/vm@a", RollbackMode.DESTROY_NEWER); p.destroyedNames(); zfs.rollback(p);
 * DestroyPreview d = zfs.destroyPreview("tank/old", DestroyFlags.RECURSIVE); d.everything(); zfs.destroy(d);
 * zfs.sendReceive(SendSpec.incremental("tank/vm@a", "tank/vm@b").withRaw(), ReceiveSpec.into("backup/vm")).run(ctx);
 * zfs.resumeReceive(ReceiveSpec.into("backup/vm"));                  // or restartReceive(fresh, spec, userAgreed)
 * ZfsCommands.rollback("tank/vm@a", RollbackMode.DESTROY_NEWER).toShell();  // what would run, without running
 * catch (ZfsException e) { e.kind(); e.getMessage(); }                // message = problem + what to do
 * </pre>
 *
 * <h2>Machine output only</h2>
 * Listings use {@code zfs list -Hp -o <our columns>} and {@code zfs get -Hp} on every version: exact
 * numbers, tab-separated, read by position ({@link dev.sluice.zfs.ZfsListParser}). JSON is used only
 * where it adds something: {@code zpool status -j --json-int} on OpenZFS 2.3+ for vdev error counts
 * and scrub progress. Dry runs use {@code zfs destroy -nvp} and {@code zfs send -nvP}; transfers
 * follow {@code zfs send -vP} on stderr.
 *
 * <h2>OpenZFS 2.1 versus 2.3</h2>
 * The version comes from {@code zfs version} once per service. On 2.1 (Debian 12, Ubuntu 22.04):
 * the vdev tree and states come from {@code zpool list -Hpv}; there are no vdev error counts
 * (-1), no scrub state ({@link dev.sluice.zfs.ScrubState#UNAVAILABLE}) and no status/action text,
 * since {@code zpool status} has no machine-readable form there; hold times are text
 * ({@code zfs holds -p} exists from 2.2); a held snapshot's destroy says only "dataset is busy",
 * so the service asks for its holds to report HELD. Everything else behaves the same.
 *
 * <h2>Safety</h2>
 * Names are validated ({@link dev.sluice.zfs.ZfsNames}) and sizes parsed
 * ({@link dev.sluice.zfs.ZfsSizes}) before any command runs. Passphrases travel only as secret
 * stdin. Receives are resumable ({@code -s}) unless asked otherwise, never forced ({@code -F})
 * unless asked, and a partial receive is discarded ({@code receive -A}) only when the caller says
 * the user agreed. {@code zfs destroy -r} on a busy mountpoint removes children before it fails:
 * the BUSY message says so.
 */
package dev.sluice.zfs;
