package io.switchboard.application.service;

import io.switchboard.application.port.out.Timers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Timers on the JDK's shared delay scheduler ({@link CompletableFuture#delayedExecutor}), handing the task to the
 * given executor when due: no thread of its own. The default of {@link CallAutomationCore#create}.
 */
public final class ExecutorTimers implements Timers {

    private final Executor executor;

    public ExecutorTimers(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS, executor)
                .execute(task);
    }
}
