package io.quarkiverse.sqschanges.deployment.devui;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.quarkiverse.sqschanges.deployment.ChangeMapperBuildItem;
import io.quarkiverse.sqschanges.runtime.devui.DevUiQueues;
import io.quarkiverse.sqschanges.runtime.devui.RecentChanges;
import io.quarkiverse.sqschanges.runtime.devui.SqsChangesJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card: a page of queues (state, counts, test message, pause and resume), a page of the last changes,
 * a page of the open change sets, and a page of the mapper bindings found at build time.
 */
class SqsChangesDevUIProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(List<ChangeMapperBuildItem> mappers) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("bindings", bindings(mappers), "The @ChangeMapper beans and the queues they are bound to");
        card.addPage(Page.webComponentPageBuilder()
                .title("Queues")
                .icon("font-awesome-solid:inbox")
                .componentLink("qwc-sqs-changes-queues.js")
                .dynamicLabelJsonRPCMethodName("queueCount"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Recent changes")
                .icon("font-awesome-solid:code-commit")
                .componentLink("qwc-sqs-changes-changes.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Change sets")
                .icon("font-awesome-solid:layer-group")
                .componentLink("qwc-sqs-changes-sets.js")
                .dynamicLabelJsonRPCMethodName("changeSetCount"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Mapper bindings")
                .icon("font-awesome-solid:link")
                .componentLink("qwc-sqs-changes-bindings.js")
                .staticLabel(Integer.toString(mappers.size())));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(SqsChangesJsonRpcService.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    AdditionalBeanBuildItem devUiBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(RecentChanges.class, DevUiQueues.class)
                .setUnremovable()
                .build();
    }

    private static List<Map<String, Object>> bindings(List<ChangeMapperBuildItem> mappers) {
        return mappers.stream()
                .sorted(Comparator.comparing(ChangeMapperBuildItem::className))
                .map(mapper -> Map.<String, Object> of("mapper", mapper.className(), "queues", mapper.queues()))
                .toList();
    }
}
