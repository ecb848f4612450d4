package dev.daxspec.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a parameter type of the step vocabulary accepts, in words for a feature's author:
 * the spellings, the units and the ranges. {@code daxspec check --list-steps} prints it
 * beside each type; every {@code @ParameterType} of {@link ParameterTypes} has one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Grammar {

    /** The grammar, one line. */
    String value();
}
