package cn.daiban.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

import java.util.Map;

/** A readable Chinese line per event type, with the reason or note the event carries, for audit listings. */
public final class EventSummaries {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("StationOpeningRequestedEvent", "申请设立便民服务站"),
            Map.entry("StationOpeningApprovedEvent", "批准设立"),
            Map.entry("StationOpeningRefusedEvent", "不予批准设立"),
            Map.entry("StationChangeRequestedEvent", "申请变更"),
            Map.entry("StationChangeApprovedEvent", "批准变更"),
            Map.entry("StationChangeRefusedEvent", "不予批准变更"),
            Map.entry("StationClosureRequestedEvent", "申请撤销"),
            Map.entry("StationClosureApprovedEvent", "批准撤销"),
            Map.entry("StationClosureRefusedEvent", "不予批准撤销"),
            Map.entry("DelegationCommissionedEvent", "委托受理"),
            Map.entry("DelegationDeclinedEvent", "不予受理"),
            Map.entry("AgentReassignedEvent", "变更承办人"),
            Map.entry("ProgressReportedEvent", "告知办理进度"),
            Map.entry("SupplementRequestedEvent", "一次性告知补正材料"),
            Map.entry("SupplementReceivedEvent", "收到补正材料"),
            Map.entry("SupplementReminderSentEvent", "提醒补正材料"),
            Map.entry("ToleratedMaterialReceivedEvent", "收到容缺材料"),
            Map.entry("ToleratedMaterialOverdueEvent", "容缺材料逾期"),
            Map.entry("MaterialsCompletedOnSpotEvent", "当场补正材料"),
            Map.entry("MaterialsPreCheckedEvent", "材料预审"),
            Map.entry("OneTimeNoticeGivenEvent", "出具一次性告知单"),
            Map.entry("AssistConvertedToProxyEvent", "帮办转代办"),
            Map.entry("DelegationEscalatedEvent", "上报上级办理"),
            Map.entry("UpperLevelDecisionRecordedEvent", "上级审批结果"),
            Map.entry("ResultReturnedEvent", "结果返回受理站点"),
            Map.entry("EscalationHopOverdueEvent", "上报环节超时"),
            Map.entry("DelegationTransferRequestedEvent", "转办（待接收）"),
            Map.entry("DelegationTransferredEvent", "转专区/窗口"),
            Map.entry("DelegationTransferWithdrawnEvent", "撤回转办"),
            Map.entry("DelegationTransferRefusedEvent", "退回转办"),
            Map.entry("StatutoryFeeNotifiedEvent", "告知法定收费"),
            Map.entry("StatutoryFeePaidEvent", "缴纳法定费用"),
            Map.entry("StatutoryFeeExemptedEvent", "法定费用依法减免"),
            Map.entry("DelegationSuspendedEvent", "中止办理"),
            Map.entry("DelegationResumedEvent", "续办"),
            Map.entry("ProvisionalDeadlineRecomputedEvent", "暂定承诺时限按公布的节假日重新计算"),
            Map.entry("DelegationTerminatedEvent", "终止"),
            Map.entry("ParallelTaskCompletedEvent", "并联部门办结"),
            Map.entry("DelegationCompletedEvent", "办结"),
            Map.entry("ResultDeliveredEvent", "结果交付"),
            Map.entry("ResultHeldForCollectionEvent", "结果留存待领"),
            Map.entry("DeadlineApproachingEvent", "临近办理时限"),
            Map.entry("DelegationOverdueEvent", "超期"),
            Map.entry("DelegationEvaluatedEvent", "评价"),
            Map.entry("EvaluationReminderSentEvent", "提醒评价"),
            Map.entry("RectificationRequiredEvent", "差评整改"),
            Map.entry("RectificationFollowUpRecordedEvent", "差评回访"),
            Map.entry("PhoneFollowUpRecordedEvent", "电话回访"),
            Map.entry("WorkLogEntryRecordedEvent", "工作日志"),
            Map.entry("RectificationCompletedEvent", "整改完成"),
            Map.entry("FollowUpContactRecordedEvent", "办结后跟踪服务"),
            Map.entry("RectificationAwaitingRecheckEvent", "整改完成，待督查复查"),
            Map.entry("RectificationAcceptedEvent", "整改复查通过"),
            Map.entry("RectificationSentBackEvent", "整改复查未通过，退回重新整改"),
            Map.entry("RectificationOverdueEvent", "整改逾期"),
            Map.entry("EvaluationVoidedEvent", "评价经申诉复核作废"),
            Map.entry("DelegationArchivedEvent", "归档"),
            Map.entry("MaterialsHandedBackEvent", "移交全部资料，服务对象签字确认"),
            Map.entry("ConsultationRecordedEvent", "接待咨询"),
            Map.entry("ConsultationForwardedEvent", "咨询转部门答复"),
            Map.entry("ConsultationAnsweredEvent", "答复咨询"),
            Map.entry("ConsultationReplyOverdueEvent", "咨询答复超时"),
            Map.entry("ConsultationConvertedEvent", "咨询转为委托"),
            Map.entry("ClientCategoriesChangedEvent", "变更服务对象类别"),
            Map.entry("HomeVisitArrangedEvent", "约定上门服务"),
            Map.entry("HomeVisitRecordedEvent", "上门服务到达"),
            Map.entry("ClientCategoryDefinedEvent", "新增服务对象类别"));

    static final String[] DETAIL_FIELDS = {"reason", "note", "failureReason", "resultReference", "justification",
            "measures", "remark", "name", "itemName"};

    private EventSummaries() {
    }

    public static String summarise(String eventType, JsonNode payload) {
        String label = LABELS.getOrDefault(eventType, eventType);
        if (payload == null) {
            return label;
        }
        for (String field : DETAIL_FIELDS) {
            JsonNode value = payload.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return label + "：" + value.asText();
            }
        }
        return label;
    }

    /**
     * The same summary from an event as handled (its payload object), without first turning the whole payload into a
     * tree: a record's detail fields are read through their accessors, each as the tree would hold it (a text as it
     * is, any other value as {@code json} writes it, which is textual for an enum or a single-valued type). The
     * delegations projection summarises every step this way (a rebuild spent an eighth of its time building trees it
     * read two fields of). Equal to {@link #summarise(String, JsonNode)} of {@code json.valueToTree(payload)}
     * because the events' JSON names are their components' names (no renames, no extra getters among these fields;
     * {@code EventSummariesTest} holds the two ways side by side); anything but a record is summarised from its tree.
     */
    public static String summarise(String eventType, Object payload, ObjectMapper json) {
        if (payload == null || !payload.getClass().isRecord()) {
            return summarise(eventType, payload == null ? null : (JsonNode) json.valueToTree(payload));
        }
        String label = LABELS.getOrDefault(eventType, eventType);
        for (Method accessor : ACCESSORS.get(payload.getClass())) {
            if (accessor == null) {
                continue;
            }
            Object value;
            try {
                value = accessor.invoke(payload);
            } catch (ReflectiveOperationException e) {
                return summarise(eventType, (JsonNode) json.valueToTree(payload));
            }
            String text = value instanceof String string ? string : textOf(value, json);
            if (text != null && !text.isBlank()) {
                return label + "：" + text;
            }
        }
        return label;
    }

    private static String textOf(Object value, ObjectMapper json) {
        if (value == null) {
            return null;
        }
        JsonNode node = json.valueToTree(value);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** Per record class, the accessor of each of {@link #DETAIL_FIELDS} in that order, null where it has none. */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Method[] accessors = new Method[DETAIL_FIELDS.length];
            for (RecordComponent component : type.getRecordComponents()) {
                for (int i = 0; i < DETAIL_FIELDS.length; i++) {
                    if (DETAIL_FIELDS[i].equals(component.getName())) {
                        accessors[i] = component.getAccessor();
                    }
                }
            }
            return accessors;
        }
    };
}
