package cn.daiban.kernel.agent;

/** Who agents are (`000 §5.2.1`). */
public enum AgentBackground {
    PARTY_MEMBER("党员"),
    TOWNSHIP_STAFF("乡镇干部"),
    VILLAGE_CADRE("村干部"),
    GROUP_LEADER("村民组长"),
    PARTY_GROUP_LEADER("党小组长"),
    GRID_WORKER("网格员"),
    PARTY_APPLICANT("入党积极分子"),
    COLLEGE_GRADUATE_VILLAGE_OFFICIAL("大学生村官"),
    OTHER("其他");

    private final String label;

    AgentBackground(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
