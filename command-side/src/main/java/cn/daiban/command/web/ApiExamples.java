package cn.daiban.command.web;

/** Request examples shown in the OpenAPI document (and usable as they are against ./run.sh's sample data). */
final class ApiExamples {

    static final String STATION_OPENING = """
            {"stationCode":"140521000","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
             "address":"沁水县龙港镇新建街1号","manager":{"name":"张伟","phone":"13812345678"},
             "supervisionPhone":"0356-7022345","windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],
             "serviceItemCodes":["ZR-001","RS-001"]}""";

    static final String COMMISSION = """
            {"kind":"PROXY","mode":"ON_SITE","stationCode":"140521101201","window":"W1",
             "agentId":"6a1f0c2e-1111-4c3b-9a57-0d5f1e2a3b4c","itemCode":"ZR-001","consentGiven":true,
             "client":{"kind":"CITIZEN","name":"王秀英","residentId":"11010519491231002X","phone":"13912345678"},
             "needsAnalysis":{"difficulty":"HIGH","estimatedWorkingDays":10,"steps":["核对材料","上传县级"],
                              "confirmedByClient":true},
             "toleratedGaps":[],"teamLeaderId":"6a1f0c2e-3333-4c3b-9a57-0d5f1e2a3b4c","applicantSigned":true,
             "notes":["请保持电话畅通"]}""";

    static final String SUPPLEMENT = """
            {"materials":[{"name":"继承权公证书","howToObtain":"沁水县公证处"},
                          {"name":"死亡证明","howToObtain":"户籍所在地派出所"}],"dueDate":"2026-11-30"}""";

    static final String ESCALATION = """
            {"targetStationCode":"140521000","uploadedMaterialRefs":["scan/1.pdf"],"note":"材料已扫描上传"}""";

    static final String EVALUATION = """
            {"overall":"SATISFIED","attitude":"VERY_SATISFIED","quality":"SATISFIED","efficiency":"SATISFIED",
             "channel":"PHONE_FOLLOW_UP","comment":"办得快"}""";

    static final String AGENT = """
            {"stationCode":"140521101201","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER",
             "role":"AGENT","intakeExperienceSince":"2024-06-01"}""";

    static final String CONSULTATION = """
            {"stationCode":"140521101201","visitorName":"李大爷","contact":"13812345678","channel":"VISIT",
             "content":"高龄津贴怎么申请？","answer":"携带身份证、户口簿到村站代办","itemAsked":"高龄津贴申领"}""";

    private ApiExamples() {
    }
}
