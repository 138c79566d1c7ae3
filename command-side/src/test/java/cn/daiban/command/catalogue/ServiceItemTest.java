package cn.daiban.command.catalogue;

import cn.daiban.kernel.catalogue.*;
import cn.daiban.kernel.station.StationLevel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceItemTest {

    static final ServiceItemCode CODE = ServiceItemCode.of("MZ-001");
    static final ServiceItemDefinition ALLOWANCE = new ServiceItemDefinition("高龄津贴申领", "民政",
            Set.of(StationLevel.TOWNSHIP_CENTRE), List.of(new RequiredMaterial("居民身份证", "本人携带原件", true)),
            15, List.of(), false, false);
    static final ServiceItemDefinition REVISED = new ServiceItemDefinition("高龄津贴申领", "民政",
            Set.of(StationLevel.TOWNSHIP_CENTRE), List.of(new RequiredMaterial("居民身份证", "本人携带原件", true)),
            10, List.of(), false, true);

    private boolean exists;

    private AggregateTestFixture<ServiceItem> fixture() {
        AggregateTestFixture<ServiceItem> fixture = new AggregateTestFixture<>(ServiceItem.class);
        fixture.registerInjectableResource((ServiceItemCatalog) code -> exists
                ? Optional.of(new ServiceItemCatalog.PublishedServiceItem(code, 1, ALLOWANCE, false)) : Optional.empty());
        return fixture;
    }

    @Test
    void itemIsPublishedAtRevisionOne() {
        fixture().givenNoPriorActivity()
                .when(new PublishServiceItemCommand(CODE, ALLOWANCE, true))
                .expectEvents(new ServiceItemPublishedEvent(CODE, 1, ALLOWANCE, true));
    }

    @Test
    void codeIsUsedOnce() {
        exists = true;
        fixture().givenNoPriorActivity().when(new PublishServiceItemCommand(CODE, ALLOWANCE, false))
                .expectException(refusedBy("item-code-unique")).expectNoEvents();
    }

    @Test
    void revisionsAreNumberedAndMustChangeSomething() {
        fixture().given(new ServiceItemPublishedEvent(CODE, 1, ALLOWANCE, true))
                .when(new ReviseServiceItemCommand(CODE, REVISED, "压缩时限，开通网办"))
                .expectEvents(new ServiceItemRevisedEvent(CODE, 2, REVISED, "压缩时限，开通网办"));
        fixture().given(new ServiceItemPublishedEvent(CODE, 1, ALLOWANCE, true))
                .when(new ReviseServiceItemCommand(CODE, ALLOWANCE, "no change"))
                .expectException(refusedBy("revision-changes-something", "definition")).expectNoEvents();
    }

    @Test
    void withdrawnItemIsNeitherRevisedNorWithdrawnAgain() {
        fixture().given(new ServiceItemPublishedEvent(CODE, 1, ALLOWANCE, true), new ServiceItemWithdrawnEvent(CODE, 1, "并入其他事项"))
                .when(new ReviseServiceItemCommand(CODE, REVISED, "x"))
                .expectException(refusedBy("item-published")).expectNoEvents();
        fixture().given(new ServiceItemPublishedEvent(CODE, 1, ALLOWANCE, true), new ServiceItemWithdrawnEvent(CODE, 1, "并入其他事项"))
                .when(new WithdrawServiceItemCommand(CODE, "again"))
                .expectException(refusedBy("item-published")).expectNoEvents();
    }

    @Test
    void onlyFeesWithALegalBasisExistAndTheLimitIsInRange() {
        assertThatThrownBy(() -> new StatutoryFee("工本费", 2000, " ", "公安局")).hasMessageContaining("fees.legalBasis");
        assertThatThrownBy(() -> new StatutoryFee("工本费", 0, "依据", "公安局")).hasMessageContaining("fees.amountFen");
        assertThatThrownBy(() -> new ServiceItemDefinition("x", "y", Set.of(StationLevel.COUNTY_CENTRE), List.of(), -1,
                List.of(), false, false)).hasMessageContaining("timeLimitWorkingDays");
        assertThatThrownBy(() -> new ServiceItemDefinition("x", "y", Set.of(), List.of(), 1, List.of(), false, false))
                .hasMessageContaining("authorityLevels");
    }
}
