package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scripts' return codes ({@code lib/codes.lua}) and {@link ScriptCode} are one table: same names, same numbers. */
class ScriptCodeTest {

    @Test
    void theLuaCodesAreTheJavaCodes() {
        Map<String, Integer> lua = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^local ([A-Z_, ]+) = ([-0-9, ]+)$").matcher(LuaScript.read("lib/codes"));
        while (m.find()) {
            String[] names = m.group(1).split(",\\s*");
            String[] values = m.group(2).split(",\\s*");
            assertThat(names).hasSameSizeAs(values);
            for (int i = 0; i < names.length; i++) lua.put(names[i], Integer.parseInt(values[i].trim()));
        }
        Map<String, Integer> java = Arrays.stream(ScriptCode.values())
                .collect(Collectors.toMap(Enum::name, ScriptCode::value, (a, b) -> a, TreeMap::new));
        assertThat(lua).isEqualTo(java);
        assertThat(java.values()).doesNotHaveDuplicates();
    }
}
