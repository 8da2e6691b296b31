/**
 * Running commands on hosts: argv lists ({@link dev.sluice.host.Command}), never shell strings.
 *
 * <p>{@link dev.sluice.host.Runners#forHost} makes a {@link dev.sluice.host.ProcessCommandRunner}
 * for a host: local processes, or the system {@code ssh} client ({@link dev.sluice.host.SshTransport}).
 * Every command is journalled ({@link dev.sluice.host.CommandJournal}); the
 * {@link dev.sluice.host.AuditLog} and the Activity view's {@link dev.sluice.host.CommandHistory}
 * listen there. Failures are typed {@link dev.sluice.host.CommandException}s whose messages say
 * what to do.
 *
 * <p>Over SSH, the login user's shell on the host is never trusted to be POSIX: the remote line is
 * {@code exec sh -c '...'} with every byte outside a small safe set written as a printf octal
 * escape ({@link dev.sluice.host.RemoteLine}), so bash, dash, zsh, tcsh/csh and fish all hand
 * {@code sh} the same script, and every argument arrives byte-identical. The host needs
 * {@code /bin/sh} with POSIX {@code printf}, {@code mktemp -d} and {@code mkfifo} (pipelines).
 * Commands print a process-group marker first so that cancel can kill them on the host.
 */
package dev.sluice.host;
