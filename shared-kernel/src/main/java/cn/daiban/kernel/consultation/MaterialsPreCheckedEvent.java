package cn.daiban.kernel.consultation;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.delegation.MaterialCheck;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The materials were pre-checked (资料预审, `004 §6.3.4.2.1`): every material of the item's list (at the revision
 * checked) with how it stood; {@code complete} when nothing was missing. The n-th pre-check of the consultation.
 */
@Revision("1")
public record MaterialsPreCheckedEvent(ConsultationId consultationId, int number, StationCode stationCode,
                                       ServiceItemCode itemCode, int itemRevision, String itemName,
                                       List<MaterialCheck> materials, boolean complete, LocalDate checkedOn) {
}
