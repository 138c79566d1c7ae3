package cn.daiban.kernel.station;

import java.util.EnumSet;
import java.util.Set;

/**
 * A station's office equipment (`004 §5.2.1`): what every 便民服务站 has ({@link #BASIC}: 办公电话、计算机、打印机、办公桌椅和
 * 资料柜), and what a busier one adds (复印机、扫描仪、高拍仪).
 */
public enum OfficeEquipment {
    OFFICE_PHONE("办公电话"),
    COMPUTER("计算机"),
    PRINTER("打印机"),
    DESK_AND_CHAIRS("办公桌椅"),
    FILE_CABINET("资料柜"),
    COPIER("复印机"),
    SCANNER("扫描仪"),
    DOCUMENT_CAMERA("高拍仪");

    /** What a 便民服务站 is equipped with at the least (运行情况一般的便民服务站应配备…). */
    public static final Set<OfficeEquipment> BASIC = Set.copyOf(EnumSet.range(OFFICE_PHONE, FILE_CABINET));

    private final String label;

    OfficeEquipment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
