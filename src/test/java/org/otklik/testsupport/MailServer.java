package org.otklik.testsupport;

import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.RcptCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server for the mail tests: GreenMail (Maven Central), started in-process on 127.0.0.1 and a free port.
 * It accepts every mail, as GreenMail does, except where a test gave an address a policy, as a real server would
 * answer: a 451 for the next n tries ({@link #failTemporarily}), a permanent 550 ({@link #refuse}), or a stall
 * before it accepts the recipient ({@link #stall}). Started once for every {@code @QuarkusTest}, like the OIDC server.
 */
@QuarkusTestResource(MailServer.class)
public class MailServer implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, AtomicInteger> TEMPORARY_FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> REFUSED = new ConcurrentHashMap<>();
    private static final Map<String, Long> STALLS = new ConcurrentHashMap<>();
    private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s?<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        server = new PolicyGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The next {@code times} mails to the address get "451 try again later" at RCPT. */
    public static void failTemporarily(String address, int times) {
        TEMPORARY_FAILURES.put(address.toLowerCase(), new AtomicInteger(times));
    }

    /** Every mail to the address gets "550 no such user" at RCPT. */
    public static void refuse(String address) {
        REFUSED.put(address.toLowerCase(), true);
    }

    /** The server waits this long before it accepts a recipient of the address. */
    public static void stall(String address, long millis) {
        STALLS.put(address.toLowerCase(), millis);
    }

    /** The mails the server accepted for an address. */
    public static List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** RCPT with the tests' policies, then GreenMail's own. */
    private static final class PolicyRcpt extends SmtpCommand {
        private final RcptCommand accept = new RcptCommand();

        @Override
        public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
            Matcher m = RCPT.matcher(commandLine);
            String address = m.matches() ? m.group(1).toLowerCase() : "";
            Long stall = STALLS.get(address);
            if (stall != null) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (REFUSED.containsKey(address)) {
                conn.send("550 5.1.1 <" + address + ">: Recipient address rejected: user unknown");
                return;
            }
            AtomicInteger failures = TEMPORARY_FAILURES.get(address);
            if (failures != null && failures.getAndDecrement() > 0) {
                conn.send("451 4.3.0 <" + address + ">: Temporary local problem, try again later");
                return;
            }
            accept.execute(conn, state, manager, commandLine);
        }
    }

    private static final class PolicyGreenMail extends GreenMail {
        PolicyGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            SmtpCommand rcpt = new PolicyRcpt();
            SmtpCommandRegistry registry = new SmtpCommandRegistry() {
                @Override
                public SmtpCommand getCommand(String name) {
                    return "RCPT".equals(name) ? rcpt : super.getCommand(name);
                }
            };
            return Map.of(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
                @Override
                protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
                    return new SmtpHandler(registry, managers.getSmtpManager(), clientSocket);
                }
            });
        }
    }
}
