package cn.daiban.kernel.consultation;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.ToleratedGap;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The one-time notice (一次性告知单, `003 附件3 六3`, `004 §6.3.2`, `004 §6.3.5`) was given in writing: every
 * missing material with how to obtain it, the item's conditions, process, time limit and statutory fees, as the
 * catalogue published them at {@code itemRevision}; the tolerated ones (容缺) with the dates committed to. Frozen
 * here so the printed notice always says what was told. {@code conditions} and {@code process} are null where the
 * item publishes none. Given after pre-check number {@code preCheckNumber} of the consultation.
 */
@Revision("1")
public record OneTimeNoticeGivenEvent(ConsultationId consultationId, int preCheckNumber, StationCode stationCode,
                                      ServiceItemCode itemCode, int itemRevision, String itemName, String department,
                                      List<MissingMaterial> missing, List<ToleratedGap> tolerated, String conditions,
                                      List<String> process, int timeLimitWorkingDays, List<StatutoryFee> fees,
                                      String supervisionPhone, LocalDate givenOn) {
}
