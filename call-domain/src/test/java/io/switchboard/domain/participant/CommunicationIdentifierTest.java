package io.switchboard.domain.participant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommunicationIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"+14255550123", "+49", "+123456789012345"})
    void acceptsE164PhoneNumbers(String number) {
        // when
        PhoneNumberIdentifier phone = new PhoneNumberIdentifier(number);

        // then
        assertThat(phone.rawId()).isEqualTo("4:" + number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"14255550123", "+04255550123", "+1425555012345678", "+1 425 555 0123", "+1", "+", ""})
    void rejectsPhoneNumbersThatAreNotE164NamingTheField(String number) {
        // when / then
        assertThatThrownBy(() -> new PhoneNumberIdentifier(number))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phoneNumber: " + number + " (expected: E.164, e.g. +14255550123)");
    }

    @Test
    void rejectsAMissingPhoneNumberNamingTheField() {
        // when / then
        assertThatThrownBy(() -> new PhoneNumberIdentifier(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("phoneNumber: null");
    }

    @Test
    void parsesAPhoneNumberRawId() {
        // when
        CommunicationIdentifier parsed = CommunicationIdentifier.parseRawId("4:+14255550123");

        // then
        assertThat(parsed).isEqualTo(new PhoneNumberIdentifier("+14255550123"));
    }

    @Test
    void parsesAPhoneNumberRawIdWithoutThePlus() {
        // when
        CommunicationIdentifier parsed = CommunicationIdentifier.parseRawId("4:14255550123");

        // then
        assertThat(parsed).isEqualTo(new PhoneNumberIdentifier("+14255550123"));
        assertThat(parsed.rawId()).isEqualTo("4:+14255550123");
    }

    @Test
    void rejectsAPhoneNumberRawIdThatIsNotE164() {
        // when / then
        assertThatThrownBy(() -> CommunicationIdentifier.parseRawId("4:+1-425"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("phoneNumber: +1-425");
    }

    @Test
    void parsesACommunicationUserRawIdKeepingItWhole() {
        // when
        CommunicationIdentifier parsed = CommunicationIdentifier.parseRawId("8:acs:res_0001");

        // then
        assertThat(parsed).isEqualTo(new CommunicationUserIdentifier("8:acs:res_0001"));
        assertThat(parsed.rawId()).isEqualTo("8:acs:res_0001");
    }

    @Test
    void keepsARawIdOfAnUnmodelledKindAsUnknown() {
        // when
        CommunicationIdentifier parsed = CommunicationIdentifier.parseRawId("28:orgid:teams-user");

        // then
        assertThat(parsed).isEqualTo(new UnknownIdentifier("28:orgid:teams-user"));
        assertThat(parsed.rawId()).isEqualTo("28:orgid:teams-user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsABlankRawIdNamingTheField(String rawId) {
        // when / then
        assertThatThrownBy(() -> CommunicationIdentifier.parseRawId(rawId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rawId: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acs:res_0001", "8:", "4:8:acs:x"})
    void rejectsMalformedCommunicationUsersNamingTheField(String id) {
        // when / then
        assertThatThrownBy(() -> new CommunicationUserIdentifier(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("communicationUser.id: " + id + " (expected: 8:acs:<resource>_<guid>)");
    }
}
