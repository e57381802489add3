package org.spikezip.io.pth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.error.MalformedWeightsException;

/** Pickles that would run commands if Python unpickled them load as inert data or are refused. */
class PthHostilePickleTest {

  @ParameterizedTest
  @ValueSource(strings = {"hostile_zip.pth", "hostile_legacy.pth"})
  void osSystemPickleWithoutTensorsIsRefusedAndShownInert(String file) {
    assertThatThrownBy(() -> PthReader.open(Fixtures.path(file)))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageContaining(file + ": no tensors found")
        .hasMessageContaining("payload: posix.system('touch /tmp/pwned')")
        .hasMessageNotContaining("\n");
  }

  @Test
  void osSystemNextToARealStateDictLoadsAsInertRecord() throws MalformedWeightsException {
    try (PthTensorStore store = PthReader.open(Fixtures.path("hostile_wrapped.pth"))) {
      assertThat(store.names()).containsExactly("head.bias");
      assertThat(store.tensor("head.bias").size()).isEqualTo(10);
      assertThat(store.otherEntries()).containsExactly("payload: posix.system('touch /tmp/pwned')");
    }
  }

  @Test
  void callsOfDangerousGlobalsRunNothing(@TempDir Path dir) throws IOException, MalformedWeightsException {
    Path marker = dir.resolve("marker");
    String command = "touch " + marker;
    byte[] pickle = new PickleBuilder().proto().op('}', '(')
        .str("weight").tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1})
        .str("system").global("os", "system").str(command).op(0x85, 'R')
        .str("popen").global("subprocess", "Popen").op(']', '(').str("touch").str(marker.toString()).op('e', 0x85, 'R')
        .str("exec").global("builtins", "exec").str("open('" + marker + "', 'w')").op(0x85, 'R')
        .str("getattr").global("builtins", "getattr").global("os", "system").str("__call__").op(0x86, 'R')
        .str("setstate").global("builtins", "object").op(')', 0x81, '}').str("__setstate__").global("os", "system")
        .op('s', 'b')
        .op('u', '.').bytes();
    ByteBuffer storage = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
    Path file = dir.resolve("hostile.pth");
    TorchArchives.writeZip(file, "archive", pickle, Map.of("0", storage.array()), "little");

    try (PthTensorStore store = PthReader.open(file)) {
      assertThat(store.tensor("weight").toArray()).containsExactly(1.5, -2.0);
      assertThat(store.otherEntries()).containsExactly(
          "system: os.system('" + command + "')",
          "popen: subprocess.Popen(['touch', '" + marker + "'])",
          "exec: builtins.exec('open(\\'" + marker + "\\', \\'w\\')')",
          "getattr: builtins.getattr(os.system, '__call__')",
          "setstate: builtins.object(__setstate__=os.system)");
    }
    assertThat(marker).doesNotExist();
  }
}
