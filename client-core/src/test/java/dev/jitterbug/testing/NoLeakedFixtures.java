package dev.jitterbug.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a server or proxy of its own open (and closes it, so the next class starts clean).
 * Registered for every test class by JUnit's extension auto-detection (META-INF/services in the test resources).
 */
public final class NoLeakedFixtures implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeakedFixtures.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("before", OpenFixtures.open());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<AutoCloseable> before = context.getStore(NS).get("before", List.class);
        List<AutoCloseable> leaked = new ArrayList<>(OpenFixtures.open());
        leaked.removeAll(before);
        if (!leaked.isEmpty()) {
            OpenFixtures.closeAll();
            throw new AssertionError(context.getDisplayName() + " left these open (now closed): " + leaked);
        }
    }
}
