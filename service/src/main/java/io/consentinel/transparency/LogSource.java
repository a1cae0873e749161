package io.consentinel.transparency;

import java.util.List;

/** A feature that keeps transparency logs: zones (one per store) and the consent ledger. */
public interface LogSource {

    List<TransparencyLog> logs();
}
