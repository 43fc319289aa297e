package io.dmagent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLockTest {
  @TempDir Path dir;

  @Test
  void the_holder_s_pid_is_in_the_lock_file_and_a_second_taker_is_refused_naming_it()
      throws Exception {
    Path data = dir.resolve("data");
    DataLock held = DataLock.take(data);
    String pid = String.valueOf(ProcessHandle.current().pid());
    try {
      assertThat(Files.readString(data.resolve(DataLock.FILE)).strip()).isEqualTo(pid);
      assertThatThrownBy(() -> DataLock.take(data))
          .isInstanceOf(DataLock.HeldException.class)
          .hasMessage("another agent (pid " + pid + ") is running on " + data);
    } finally {
      held.release();
    }
  }

  @Test
  void a_released_folder_can_be_taken_again_even_with_a_stale_pid_in_it() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve(DataLock.FILE), "999999999\n");

    DataLock.take(data).release();
    DataLock again = DataLock.take(data);
    again.release();
  }
}
