package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costq.core.Ids;
import io.costq.core.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    private final Keys keys = new Keys("costq", 0);

    @Test
    void everyKeyCarriesThePartitionHashTag() {
        assertThat(keys.job("01ABC")).isEqualTo("{costq:0}:job:01ABC");
        assertThat(keys.queue(3, "noop")).isEqualTo("{costq:0}:q:3:noop");
        assertThat(keys.history("u1")).isEqualTo("{costq:0}:hist:u1");
        assertThat(new Keys("costq", 5).running()).isEqualTo("{costq:5}:running");
    }

    @Test
    void userSuppliedPartsCannotAddSeparatorsOrBraces() {
        assertThat(keys.history("a:b {x} c")).isEqualTo("{costq:0}:hist:a%3Ab%20%7Bx%7D%20c");
        assertThat(keys.history("é")).isEqualTo("{costq:0}:hist:%C3%A9");
        assertThat(keys.history("u1:job:X")).doesNotContain(":job:");
        assertThat(Keys.encode("plain-id_1.2")).isEqualTo("plain-id_1.2");
        assertThat(Keys.encode("50%")).isEqualTo("50%25");
    }

    @Test
    void aTenantsHistoriesAndIdempotencyKeysAreNamedUnderItAndNeverMeetAnothersOrTheDefaults() {
        assertThat(keys.history("default", "u1")).isEqualTo(keys.history("u1")).isEqualTo(keys.history(null, "u1"));
        assertThat(keys.history("acme", "u1")).isEqualTo("{costq:0}:hist:acme:u1");
        assertThat(keys.idempotency("acme", "k:1")).isEqualTo("{costq:0}:idem:acme:k%3A1");
        assertThat(keys.idempotency("default", "k")).isEqualTo(keys.idempotency("k"));
        // an encoded part holds no ':' and a tenant name none either: (tenant, key) pairs cannot share a name
        assertThat(keys.idempotency("acme:k")).isNotEqualTo(keys.idempotency("acme", "k"));
        assertThat(keys.history("a", "b:c")).isNotEqualTo(keys.history("a:b", "c"));
    }

    @Test
    void badPrefixIsRejected() {
        assertThatThrownBy(() -> new Keys("a{b", 0)).hasMessageContaining("prefix");
    }

    @Test
    void theKeysScriptsBuildAreTheKeysJavaNames() {
        Keys p3 = new Keys("cq", 3);
        LuaScript names = LuaScript.of("keyNames", """
                --@include lib/keys
                local p = partitionOf(KEYS[1])
                return {jobKey(p, 'J1'), classQueue(p, 2, 'noop'), orderingList(p, 'room%201'), channelKey(p, 'sms', 'inuse'),
                  channelKey(p, 'sms', 'wait'), parkedChannels(p), noticeChannel(p, 'done'), noticeChannel(p, 'wake'),
                  noticeChannel(p, 'cancel'), scheduledJobs(p), scheduleKey(p, 'daily%20report'), scheduleJobs(p, 'daily%20report'),
                  timeIndex(p), channelSettings(p), tenantPending(p, 'acme')}
                """);
        List<Object> lua = new ScriptExecutor(TestRedis.client()).call(ScriptCall.ofList(names, List.of(p3.running())));
        assertThat(lua).containsExactly(p3.job("J1"), p3.queue(2, "noop"), p3.orderingKey("room 1"), p3.channelInUse("sms"),
                p3.channelWaiting("sms"), p3.parkedChannels(), p3.doneChannel(), p3.wakeChannel(), p3.cancelChannel(),
                p3.scheduled(), p3.schedule("daily report"), p3.scheduleJobs("daily report"), p3.timeIndex(),
                p3.channelSettings(), p3.tenantPending("acme"));
    }

    @Test
    void idsAreUlidsThatSortByTime() {
        Ids ids = new Ids();
        String a = ids.next(1_700_000_000_000L);
        String b = ids.next(1_700_000_000_000L);
        String c = ids.next(1_700_000_000_001L);
        assertThat(Ids.isValid(a)).isTrue();
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(Ids.isValid("../../etc")).isFalse();
        assertThat(Ids.isValid("01ARZ3NDEKTSV4RRFFQ69G5FA{")).isFalse();
    }
}
