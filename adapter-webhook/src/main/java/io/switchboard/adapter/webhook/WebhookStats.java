package io.switchboard.adapter.webhook;

/**
 * A snapshot of callback delivery counters since start.
 *
 * @param delivered events the receiver accepted with a 2xx
 * @param retried   failed attempts that were followed by a retry
 * @param givenUp   events dropped: refused with a 4xx that is not worth retrying, still failing after the retry
 *                  window, or, with an outbox in memory only, still pending when {@code close} stopped waiting or
 *                  published after that
 * @param pending   events accepted and neither delivered nor given up yet
 */
public record WebhookStats(long delivered, long retried, long givenUp, long pending) {
}
