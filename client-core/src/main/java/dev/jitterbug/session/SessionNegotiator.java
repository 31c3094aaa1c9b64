package dev.jitterbug.session;

import dev.jitterbug.Failure;
import dev.jitterbug.TransportKind;
import dev.jitterbug.session.sasl.MechanismChooser;
import dev.jitterbug.session.sasl.PlainMechanism;
import dev.jitterbug.session.sasl.SaslException;
import dev.jitterbug.session.sasl.SaslMechanism;
import dev.jitterbug.session.sasl.ScramMechanism;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.transport.Transport;
import dev.jitterbug.transport.TransportListener;
import dev.jitterbug.xml.Element;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Turns an opened transport into an established session, the same way over WebSocket and BOSH: SASL2 + Bind2
 * (XEP-0388/0386) when the server offers them, classic SASL + bind otherwise; XEP-0198 resume when there is a
 * stream to resume, enable otherwise. Runs on a worker thread and blocks; never on a UI thread.
 *
 * <p>Round trips are saved by pipelining: authentication right after the open when the last login told us what
 * the server offers ({@link FeatureHints}), the resume right after the final SASL response, bind with enable.
 */
public final class SessionNegotiator {
    /** Failure condition: the server advertised SASL2 and then never answered; log in the classic way instead. */
    public static final String SASL2_UNANSWERED = "sasl2-unanswered";
    /** Failure condition: the server never answered {@code <resume/>} (Prosody 0.12 over BOSH); log in afresh. */
    public static final String RESUME_UNANSWERED = "resume-unanswered";
    /** Failure condition: the server refused SCRAM keys kept from an earlier login; try again from the password. */
    public static final String SCRAM_KEYS_STALE = "scram-keys-stale";

    /** A negotiated session whose later events still have to be handed to the live session. */
    public static final class Result {
        private final Established established;
        private final Exchange exchange;
        private final List<Element> earlyStanzas;

        Result(Established established, Exchange exchange) {
            this(established, exchange, java.util.Collections.emptyList());
        }

        Result(Established established, Exchange exchange, List<Element> earlyStanzas) {
            this.established = established;
            this.exchange = exchange;
            this.earlyStanzas = java.util.Collections.unmodifiableList(new ArrayList<>(earlyStanzas));
        }

        public Established established() {
            return established;
        }

        /**
         * Stanzas the server routed to the new resource before it confirmed stream management (Prosody does, under
         * load): they come before everything handed off, and the server does not count them in its {@code h}.
         */
        public List<Element> earlyStanzas() {
            return earlyStanzas;
        }

        /** Delivers every later transport event (and any already received) to {@code listener}. */
        public void handOff(TransportListener listener) {
            exchange.handOff(listener);
        }
    }

    /**
     * Opens the stream on {@code transport} and logs in or resumes.
     *
     * @param sm the stream-management state to resume (and to fill on enable); never null
     */
    public Result negotiate(Transport transport, LoginRequest request, StreamManagement sm)
            throws NegotiationException {
        boolean resume = request.resumptionEnabled && sm.canResume();
        if (!resume && !request.loginIfResumeRefused) {
            throw resumeRefused("There was no session left to resume.");
        }
        Exchange ex = new Exchange(transport, request.timeoutMillis);
        transport.open(request.domain, ex);
        ex.restartCounting();

        SaslMechanism mechanism = null;
        boolean sasl2 = false;
        boolean pipelined = false;
        if (request.hints != null && request.hints.sasl2() && request.preferSasl2) {
            mechanism = byName(request.hints.mechanism(), request);
            if (mechanism != null) {
                sasl2 = true;
                pipelined = true;
                ex.send(sasl2Authenticate(mechanism, request, !resume));
            }
        } else if (request.hints != null && !request.hints.sasl2() && transport.kind() == TransportKind.WEBSOCKET) {
            // A server without SASL2 that we met before: its mechanism rides along with the open, as with SASL2.
            mechanism = byName(request.hints.mechanism(), request);
            if (mechanism != null) {
                pipelined = true;
                ex.send(Element.builder("auth", Namespaces.SASL).attr("mechanism", mechanism.name())
                        .text(base64(mechanism.initialResponse())).build());
            }
        }
        ex.awaitStreamOpen();
        Element features = ex.expect(Namespaces.STREAMS, "features");

        if (!pipelined) {
            Element sasl2Offer = request.preferSasl2 ? features.child("authentication", Namespaces.SASL2) : null;
            Element classicOffer = features.child("mechanisms", Namespaces.SASL);
            Element offer = sasl2Offer != null ? sasl2Offer : classicOffer;
            if (offer == null) {
                throw Exchange.protocol("The server offers no way to sign in.");
            }
            List<String> offered = mechanismNames(offer);
            mechanism = MechanismChooser.choose(offered, request.username, request.password, request.plainAllowed,
                    request.scramKeys);
            if (mechanism == null) {
                throw new NegotiationException(noCommonMechanism(offered));
            }
            sasl2 = offer == sasl2Offer;
            if (sasl2) {
                ex.send(sasl2Authenticate(mechanism, request, !resume));
            } else {
                ex.send(Element.builder("auth", Namespaces.SASL).attr("mechanism", mechanism.name())
                        .text(base64(mechanism.initialResponse())).build());
            }
        } else if (sasl2 && features.child("authentication", Namespaces.SASL2) == null) {
            throw Exchange.protocol("The server no longer offers SASL2; Jitterbug will log in without shortcuts.");
        } else if (!sasl2 && !offers(features.child("mechanisms", Namespaces.SASL), mechanism.name())) {
            throw Exchange.protocol("The server no longer offers " + mechanism.name()
                    + "; Jitterbug will log in without shortcuts.");
        }

        String boundJid = null;
        boolean resumeSent = false;
        String ns = sasl2 ? Namespaces.SASL2 : Namespaces.SASL;
        boolean firstAnswer = true;
        while (true) {
            Element answer;
            try {
                answer = ex.expectWithin(sasl2 && firstAnswer ? request.sasl2AnswerTimeoutMillis : Long.MAX_VALUE,
                        ns, "challenge", "success", "failure");
            } catch (NegotiationException e) {
                if (sasl2 && firstAnswer && Exchange.STEP_TIMEOUT.equals(e.failure().condition())) {
                    throw new NegotiationException(Failure.of(Failure.Kind.TIMEOUT,
                            "The server offered SASL2 but never answered it.").withCondition(SASL2_UNANSWERED));
                }
                throw e;
            }
            firstAnswer = false;
            if (answer.is("failure", ns)) {
                Failure refused = SaslFailures.toFailure(answer, request.username);
                if (mechanism instanceof ScramMechanism && ((ScramMechanism) mechanism).usedCachedKeys()) {
                    // Keys kept from an earlier login no longer fit (the password changed): the connector tries
                    // once more on a fresh connection, deriving them from the password.
                    ((ScramMechanism) mechanism).loginRefused();
                    throw new NegotiationException(refused.withCondition(SCRAM_KEYS_STALE));
                }
                throw new NegotiationException(refused);
            }
            if (answer.is("challenge", ns)) {
                byte[] response = evaluate(mechanism, decode(answer.text()));
                ex.send(Element.builder("response", ns).text(base64(response)).build());
                if (sasl2 && resume && !resumeSent && mechanism instanceof ScramMechanism) {
                    // The SCRAM client-final is the last message: the resume can ride along with it.
                    ex.send(resumeElement(sm));
                    resumeSent = true;
                }
                continue;
            }
            String additional = sasl2 ? answer.childText("additional-data", ns) : answer.text();
            verify(mechanism, additional == null || additional.isEmpty() ? null : decode(additional));
            if (sasl2) {
                boundJid = answer.child("bound", Namespaces.BIND2) != null
                        ? answer.childText("authorization-identifier", ns) : null;
            }
            break;
        }
        FeatureHints hints = new FeatureHints(sasl2, mechanism.name());

        if (sasl2) {
            features = ex.expect(Namespaces.STREAMS, "features");
        } else {
            ex.restart();
            if (pipelined && resume) {
                // The session we resume had stream management: the resume rides along with the restart.
                ex.send(resumeElement(sm));
                resumeSent = true;
            }
            ex.awaitStreamOpen();
            features = ex.expect(Namespaces.STREAMS, "features");
        }
        boolean smOffered = features.child("sm", Namespaces.SM) != null;

        if (resume && (smOffered || resumeSent)) {
            if (!resumeSent) {
                ex.send(resumeElement(sm));
            }
            Element answer;
            try {
                answer = ex.expectWithin(request.resumeAnswerTimeoutMillis, Namespaces.SM, "resumed", "failed");
            } catch (NegotiationException e) {
                if (Exchange.STEP_TIMEOUT.equals(e.failure().condition())) {
                    throw new NegotiationException(Failure.of(Failure.Kind.TIMEOUT,
                            "The server never answered the resume request.").withCondition(RESUME_UNANSWERED));
                }
                throw e;
            }
            if (answer.is("resumed", Namespaces.SM)) {
                long h = StreamManagement.parseLong(answer.attr("h"), -1);
                return new Result(new Established(transport, null, true, sasl2, mechanism.name(), ex.roundTrips(),
                        h, hints, keysDerived(mechanism)), ex);
            }
            sm.forgetStream();
            if (!request.loginIfResumeRefused) {
                throw resumeRefused("The server no longer has this session (it restarted, or another node took over).");
            }
        } else if (resume) {
            sm.forgetStream();
            if (!request.loginIfResumeRefused) {
                throw resumeRefused("The server no longer offers to resume sessions (it restarted or was replaced).");
            }
        }

        if (boundJid == null) {
            String bindId = UUID.randomUUID().toString();
            ex.send(Element.builder("iq", Namespaces.CLIENT).attr("type", "set").attr("id", bindId)
                    .child(Element.builder("bind", Namespaces.BIND).textChild("resource", request.resource))
                    .build());
            if (smOffered) {
                ex.send(enableElement());
            }
            Element bound = ex.expect(Namespaces.CLIENT, "iq");
            if (!"result".equals(bound.attr("type"))) {
                throw new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION,
                        "The server refused to bind a resource for this session."));
            }
            Element bind = bound.child("bind", Namespaces.BIND);
            boundJid = bind == null ? null : bind.childText("jid", Namespaces.BIND);
        } else if (smOffered) {
            ex.send(enableElement());
        }
        List<Element> early = new ArrayList<>();
        if (smOffered) {
            Element answer = ex.expectAfterStanzas(early, Namespaces.SM, "enabled", "failed");
            if (answer.is("enabled", Namespaces.SM)) {
                sm.enabled(answer);
            } else {
                sm.forgetStream();
            }
        }
        return new Result(new Established(transport, boundJid, false, sasl2, mechanism.name(), ex.roundTrips(), -1,
                hints, keysDerived(mechanism)), ex, early);
    }

    private static Element sasl2Authenticate(SaslMechanism mechanism, LoginRequest request, boolean bind) {
        Element.Builder authenticate = Element.builder("authenticate", Namespaces.SASL2)
                .attr("mechanism", mechanism.name())
                .textChild("initial-response", base64(mechanism.initialResponse()))
                .child(Element.builder("user-agent", Namespaces.SASL2).attr("id", request.userAgentId)
                        .textChild("software", "Jitterbug"));
        if (bind) {
            authenticate.child(Element.builder("bind", Namespaces.BIND2).textChild("tag", "Jitterbug"));
        }
        return authenticate.build();
    }

    private static boolean keysDerived(SaslMechanism mechanism) {
        return mechanism instanceof ScramMechanism && !((ScramMechanism) mechanism).usedCachedKeys();
    }

    /** A resume-only attempt ends here: the full login waits for the reconnector's spread. */
    private static NegotiationException resumeRefused(String message) {
        return new NegotiationException(Failure.of(Failure.Kind.RESUME_REFUSED, message));
    }

    private static Element resumeElement(StreamManagement sm) {
        return Element.builder("resume", Namespaces.SM).attr("h", Long.toString(sm.inbound()))
                .attr("previd", sm.id()).build();
    }

    private static Element enableElement() {
        return Element.builder("enable", Namespaces.SM).attr("resume", "true").build();
    }

    private static SaslMechanism byName(String name, LoginRequest request) {
        for (ScramMechanism.Variant variant : ScramMechanism.Variant.values()) {
            if (variant.mechanismName().equals(name)) {
                return new ScramMechanism(variant, request.username, request.password, request.scramKeys);
            }
        }
        return "PLAIN".equals(name) && request.plainAllowed
                ? new PlainMechanism(request.username, request.password) : null;
    }

    private static boolean offers(Element mechanisms, String name) {
        return mechanisms != null && mechanismNames(mechanisms).contains(name);
    }

    private static List<String> mechanismNames(Element offer) {
        List<String> names = new ArrayList<>();
        for (Element child : offer.children()) {
            if ("mechanism".equals(child.name())) {
                names.add(child.text().trim());
            }
        }
        return names;
    }

    private static Failure noCommonMechanism(List<String> offered) {
        if (offered.contains("PLAIN")) {
            return Failure.of(Failure.Kind.NO_COMMON_MECHANISM, "The server only offers PLAIN sign-in here, which "
                    + "would send the password without encryption; Jitterbug refuses (offered: " + offered + ").");
        }
        return Failure.of(Failure.Kind.NO_COMMON_MECHANISM,
                "The server offers no sign-in method Jitterbug supports (offered: " + offered + ").");
    }

    private static byte[] evaluate(SaslMechanism mechanism, byte[] challenge) throws NegotiationException {
        try {
            return mechanism.evaluateChallenge(challenge);
        } catch (SaslException e) {
            throw new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION, e.getMessage()));
        }
    }

    private static void verify(SaslMechanism mechanism, byte[] additional) throws NegotiationException {
        try {
            mechanism.verifySuccess(additional);
        } catch (SaslException e) {
            throw new NegotiationException(Failure.of(Failure.Kind.PROTOCOL_VIOLATION, e.getMessage()));
        }
    }

    private static String base64(byte[] bytes) {
        return bytes.length == 0 ? "=" : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) throws NegotiationException {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || "=".equals(trimmed)) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw Exchange.protocol("The server sent SASL data that is not valid base64.");
        }
    }
}
