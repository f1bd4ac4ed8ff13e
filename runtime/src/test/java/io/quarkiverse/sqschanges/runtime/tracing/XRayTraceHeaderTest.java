package io.quarkiverse.sqschanges.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanContext;

class XRayTraceHeaderTest {

    @Test
    void readsTheTraceAndParentOfAnAwsTraceHeader() {
        SpanContext context = XRayTraceHeader
                .parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        assertThat(context.isValid()).isTrue();
        assertThat(context.isRemote()).isTrue();
        assertThat(context.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.getSpanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(context.isSampled()).isTrue();
    }

    @Test
    void keyOrderAndOtherKeysDoNotMatter() {
        SpanContext context = XRayTraceHeader.parse(
                "Self=1-67891234-12456789abcdef012345678;Parent=53995C3F42CD8AD8;Lineage=a87bd80c:1;"
                        + " Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat(context.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.getSpanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(context.isSampled()).isFalse();
    }

    @Test
    void anythingElseIsNoContext() {
        assertThat(XRayTraceHeader.parse(null).isValid()).isFalse();
        assertThat(XRayTraceHeader.parse("").isValid()).isFalse();
        assertThat(XRayTraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793").isValid()).isFalse();
        assertThat(XRayTraceHeader.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")
                .isValid()).isFalse();
        assertThat(XRayTraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=53995c3f42cd8ad8")
                .isValid()).isFalse();
        assertThat(XRayTraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")
                .isValid()).isFalse();
    }
}
