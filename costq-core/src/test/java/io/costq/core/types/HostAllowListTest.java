package io.costq.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {

    @Test
    void noneAllowsNothingNotEvenLoopback() {
        assertThat(HostAllowList.NONE.allows(URI.create("http://127.0.0.1:6379/"))).isFalse();
        assertThat(HostAllowList.NONE.allows(URI.create("https://example.com/"))).isFalse();
    }

    @Test
    void loopbackAllowsOnlyLoopbackNames() {
        assertThat(HostAllowList.LOOPBACK.allows(URI.create("http://localhost:8080/x"))).isTrue();
        assertThat(HostAllowList.LOOPBACK.allows(URI.create("http://[::1]:8080/x"))).isTrue();
        assertThat(HostAllowList.LOOPBACK.allows(URI.create("http://10.0.0.1/"))).isFalse();
        assertThat(HostAllowList.LOOPBACK.allows(URI.create("http://localhost.evil.example/"))).isFalse();
    }

    @Test
    void aPortedEntryAllowsOnlyThatPortAndAWildcardOnlySubdomains() {
        HostAllowList list = new HostAllowList(List.of("hooks.example.com:8443", "*.partner.net", "10.0.0.7"));
        assertThat(list.allows(URI.create("https://hooks.example.com:8443/a"))).isTrue();
        assertThat(list.allows(URI.create("https://hooks.example.com/a"))).isFalse(); // 443
        assertThat(list.allows(URI.create("http://api.partner.net/a"))).isTrue();
        assertThat(list.allows(URI.create("http://partner.net/a"))).isFalse();
        assertThat(list.allows(URI.create("http://evilpartner.net/a"))).isFalse();
        assertThat(list.allows(URI.create("http://10.0.0.7:9000/a"))).isTrue();
        assertThat(new HostAllowList(List.of("*")).allows(URI.create("http://anything/"))).isTrue();
    }

    @Test
    void aMalformedEntryIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new HostAllowList(List.of("host:99999"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAllowList(List.of("http://host/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAllowList(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHttpTypeRefusesAHostOffTheListNamingPayloadUrl() throws Exception {
        var payload = new ObjectMapper().readTree("{\"url\": \"http://127.0.0.1:6379/\"}");
        assertThatThrownBy(() -> new HttpType(HostAllowList.NONE).validate(payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("costq.http.allowed-hosts");
        new HttpType(HostAllowList.LOOPBACK).validate(payload);
    }
}
