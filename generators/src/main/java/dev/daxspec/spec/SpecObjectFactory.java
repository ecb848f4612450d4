package dev.daxspec.spec;

import io.cucumber.core.backend.ObjectFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;

/**
 * Cucumber's object factory for the step definitions: one {@link ScenarioBuilder} per
 * scenario, shared by every glue class of the scenario through its constructor, with the
 * run's {@link ScenarioSink} and {@link FeatureIndex}. Cucumber finds it through
 * {@code META-INF/services} and makes it with the no-argument constructor (executing on
 * the oracle); {@code daxspec check} passes its own sink.
 *
 * <p>Glue constructors may take any of {@link ScenarioBuilder}, {@link ScenarioSink} and
 * {@link FeatureIndex}. One instance per Cucumber run; Cucumber calls it from one thread.
 */
public final class SpecObjectFactory implements ObjectFactory {

    private final ScenarioSink sink;
    private final FeatureIndex index;
    private final Map<Class<?>, Object> instances = new HashMap<>();
    private ScenarioBuilder builder;

    /** Executes every scenario on the correct oracle. */
    public SpecObjectFactory() {
        this(new ExecuteOnOracle(), new FeatureIndex());
    }

    /** Hands every scenario to {@code sink}, reading features through {@code index}. */
    public SpecObjectFactory(ScenarioSink sink, FeatureIndex index) {
        this.sink = sink;
        this.index = index;
    }

    @Override
    public void start() {
        builder = new ScenarioBuilder();
    }

    @Override
    public void stop() {
        instances.clear();
        builder = null;
    }

    @Override
    public boolean addClass(Class<?> glueClass) {
        // Glue is made on demand in getInstance(); nothing to register.
        return true;
    }

    @Override
    public <T> T getInstance(Class<T> glueClass) {
        return glueClass.cast(instances.computeIfAbsent(glueClass, this::make));
    }

    private Object make(Class<?> type) {
        if (builder == null) {
            throw new IllegalStateException("glue " + type.getName() + " asked for outside a scenario");
        }
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException("glue " + type.getName() + " needs exactly one constructor");
        }
        Constructor<?> c = constructors[0];
        Object[] args = new Object[c.getParameterCount()];
        Class<?>[] types = c.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == ScenarioBuilder.class) {
                args[i] = builder;
            } else if (types[i] == ScenarioSink.class) {
                args[i] = sink;
            } else if (types[i] == FeatureIndex.class) {
                args[i] = index;
            } else {
                throw new IllegalStateException("glue " + type.getName() + " takes a " + types[i].getName()
                        + ", which the factory does not provide");
            }
        }
        try {
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("glue " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make glue " + type.getName() + ": " + e, e);
        }
    }
}
