package io.benchmarkos.ingest.app;

import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;

import java.util.Optional;

/**
 * Tells a broker that refused this process's login from one it could not reach: Artemis reports both as a
 * JMSException, but one is fixed by starting the broker, the other only by the user and password.
 */
public final class BrokerLogin {

    /** Artemis' code for "Unable to validate user": a wrong password, an unknown user, or no user at all. */
    private static final String LOGIN_REFUSED = "AMQ229031";

    private BrokerLogin() {
    }

    /**
     * What to say when {@code failure} is the broker refusing the login, or empty for any other failure.
     *
     * @param passwordSetting how the password is given to this process, e.g. "BROKER_PASSWORD"
     */
    public static Optional<String> refusal(Throwable failure, String brokerUrl, String user, String passwordSetting) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean security = t instanceof JMSSecurityException || t instanceof ActiveMQSecurityException;
            if (security && String.valueOf(t.getMessage()).contains(LOGIN_REFUSED)) {
                return Optional.of(message(withoutQuery(brokerUrl), user, t.getMessage(), passwordSetting));
            }
        }
        return Optional.empty();
    }

    private static String message(String broker, String user, String brokerSays, String passwordSetting) {
        if (user == null || user.isBlank()) {
            return "the broker at " + broker + " requires a login (" + brokerSays + "): set broker.user (BROKER_USER)"
                    + " and " + passwordSetting + " to the user and password the broker was set up with";
        }
        return "the broker at " + broker + " refused user '" + user + "' and its password (" + brokerSays + "): set "
                + passwordSetting + " to the password the broker was set up with (artemis/setup-standalone.sh uses"
                + " BROKER_PASSWORD), and broker.user (BROKER_USER) if its user is not '" + user + "'";
    }

    /** The URL's query may carry credentials as well as reconnect options: neither belongs in a message. */
    public static String withoutQuery(String brokerUrl) {
        int query = brokerUrl.indexOf('?');
        return query < 0 ? brokerUrl : brokerUrl.substring(0, query);
    }
}
