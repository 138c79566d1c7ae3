package cn.daiban.kernel.delegation;

/**
 * What an entry of a matter's work log (工作日志) records: `002 代办·承办` (代办服务过程中出现问题，应及时进行分析、解决和记录，
 * 对代办事项进行跟踪、协调…建立工作日志) and `004 §6.3.3.2.3` (应对帮办事项进行跟踪，建立帮办工作日志，协助做好与有关审批部门
 * 工作人员的沟通工作).
 */
public enum WorkLogEntryKind {
    /** A problem met while handling the matter, with its analysis and, once found, its resolution (出现问题…分析、解决和记录). */
    PROBLEM("问题处理"),
    /** Contact with the approving department's staff about the matter (与有关审批部门工作人员的沟通). */
    COORDINATION("部门沟通"),
    /** Following the matter up (跟踪、协调): where it stands, what was done. */
    TRACKING("跟踪记录");

    private final String label;

    WorkLogEntryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
