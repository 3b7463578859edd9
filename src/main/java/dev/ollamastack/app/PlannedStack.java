package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.Plan;
import java.nio.file.Path;

/** Everything one planning pass saw and decided. */
public record PlannedStack(
    LoadedStack loaded,
    StackSpec spec,
    PlatformChoice platform,
    Path stateDir,
    EngineInfo engine,
    DesiredState desired,
    ObservedState observed,
    Plan plan,
    String fingerprint) {}
