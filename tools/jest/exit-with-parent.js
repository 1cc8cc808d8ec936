// Preloaded (-r) into apps that a test forks: such a child ends when the test process that forked
// it is gone (its IPC channel closes), so a hook that timed out or a worker that crashed leaves no
// api or worker running for the rest of the run.
if (process.send) process.on('disconnect', () => process.exit(1));
