package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Alert}: its code in Data (1200/1201 session start, 1100–1104 user interaction, 1222 next
 * message, 1223 abort, 1224 client event, 1225 no end of data, 1226 generic alert), an optional
 * Correlator and its items.
 */
public record Alert(
    String cmdId, boolean noResp, int code, Optional<String> correlator, List<Item> items)
    implements Command {

  public static final int DISPLAY = 1100;
  public static final int CONFIRM_OR_REJECT = 1101;
  public static final int TEXT_INPUT = 1102;
  public static final int SINGLE_CHOICE = 1103;
  public static final int MULTIPLE_CHOICE = 1104;
  public static final int SERVER_INITIATED_MGMT = 1200;
  public static final int CLIENT_INITIATED_MGMT = 1201;
  public static final int NEXT_MESSAGE = 1222;
  public static final int SESSION_ABORT = 1223;
  public static final int CLIENT_EVENT = 1224;
  public static final int NO_END_OF_DATA = 1225;
  public static final int GENERIC_ALERT = 1226;

  public Alert {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(correlator);
    items = List.copyOf(items);
  }

  public static Alert of(String cmdId, int code, Item... items) {
    return new Alert(cmdId, false, code, Optional.empty(), List.of(items));
  }

  @Override
  public String element() {
    return CommandName.ALERT.element();
  }

  @Override
  public Alert withCmdId(String id) {
    return new Alert(id, noResp, code, correlator, items);
  }
}
