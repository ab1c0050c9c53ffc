package io.switchboard.adapter.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignerTest {

    private static final byte[] KEY = "a signing key of some length".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsEachCallbackAsTheReceiverChecksItOneAfterAnother() throws Exception {
        // given
        RequestSigner signer = new RequestSigner(KEY);

        // when: callbacks signed one after another on one thread (its MAC used again each time)
        for (int i = 0; i < 5; i++) {
            String body = "{\"event\":" + i + "}";
            String signature = signer.sign("evt-" + i, 1_796_500_000L + i, body.getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(signature).isEqualTo(CallbackClient.signature(KEY, "evt-" + i, 1_796_500_000L + i, body));
        }
    }

    @Test
    void signsCorrectlyFromManyThreadsAtOnce() throws Exception {
        // given
        RequestSigner signer = new RequestSigner(KEY);

        // when: four threads sign 500 callbacks each
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<List<String>>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(CompletableFuture.supplyAsync(() -> {
                List<String> signatures = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    signatures.add(signer.sign("evt-" + thread + "-" + i, 1_796_500_000L,
                            ("body " + i).getBytes(StandardCharsets.UTF_8)));
                }
                return signatures;
            }, pool));
        }
        pool.shutdown();

        // then
        for (int t = 0; t < 4; t++) {
            List<String> signatures = threads.get(t).get();
            for (int i = 0; i < 500; i += 50) {
                assertThat(signatures.get(i)).isEqualTo(CallbackClient.signature(KEY, "evt-" + t + "-" + i,
                        1_796_500_000L, "body " + i));
            }
        }
    }
}
