package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;

import java.time.LocalDate;

/**
 * Hands out acceptance-form numbers: each station's day sequence once, in the commissioning command's own
 * transaction (a refused command gives its number back by rolling back).
 */
public interface AcceptanceFormNumbers {

    AcceptanceFormNumber next(StationCode station, LocalDate day);
}
