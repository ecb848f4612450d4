package dev.daxspec.spec;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.OBJECT_FACTORY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * {@code mvn verify} runs every bundled feature on the correct oracle through the Cucumber
 * JUnit Platform engine: one test per scenario (per Examples row), failing when a claim
 * does not hold on the oracle ({@link ExecuteOnOracle}) or a step is undefined, ambiguous
 * or out of range ({@link Hooks}). Surefire runs it from the module directory.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("../features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.daxspec.spec")
@ConfigurationParameter(key = OBJECT_FACTORY_PROPERTY_NAME, value = "dev.daxspec.spec.SpecObjectFactory")
@ConfigurationParameter(key = JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, value = "long")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
class FeaturesTest {}
