package dev.trainbench.train;

/** Pause, resume and stop requests from any thread, honoured by the trainer between steps. */
public final class RunControl {
    private boolean paused;
    private volatile boolean stopRequested;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public void stop() {
        stopRequested = true;
        resume();
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Blocks the trainer thread while paused; returns false when a stop was requested. */
    synchronized boolean awaitRunnable(Runnable onPause, Runnable onResume) throws InterruptedException {
        if (paused && !stopRequested) {
            onPause.run();
            while (paused && !stopRequested) {
                wait();
            }
            onResume.run();
        }
        return !stopRequested;
    }
}
