package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.otklik.incident.social.SocialIngestRequest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** The platforms are named once, in {@link SocialPlatform}; the contract's enumeration (an annotation constant) lists the same. */
class SocialPlatformTest {

    @Test
    void onlyThePlatformsNamesAreAccepted() {
        assertThat(SocialPlatform.isNamed("VK")).isTrue();
        assertThat(SocialPlatform.isNamed("TELEGRAM")).isTrue();
        assertThat(SocialPlatform.isNamed("vk")).isFalse();
        assertThat(SocialPlatform.isNamed(null)).isFalse();
        assertThat(SocialPlatform.namesInWords()).isEqualTo("VK, OK or TELEGRAM");
    }

    @Test
    void theContractsPlatformEnumerationIsTheEnumsNames() throws ReflectiveOperationException {
        Schema schema = SocialIngestRequest.Item.class.getDeclaredField("platform").getAnnotation(Schema.class);
        assertThat(schema.enumeration()).containsExactly(Arrays.stream(SocialPlatform.values()).map(Enum::name).toArray(String[]::new));
        assertThat(schema.description()).isEqualTo(SocialPlatform.namesInWords());
    }
}
