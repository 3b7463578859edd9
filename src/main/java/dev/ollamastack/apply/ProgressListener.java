package dev.ollamastack.apply;

import dev.ollamastack.plan.Action;

/**
 * Live progress of an apply. Called from worker threads: implementations synchronise. {@code
 * current}/{@code total} are bytes for pulls, 0 when unknown.
 */
public interface ProgressListener {
  void started(Action action);

  void progress(Action action, String message, long current, long total);

  void finished(Action action, Outcome outcome);

  ProgressListener NONE =
      new ProgressListener() {
        @Override
        public void started(Action action) {}

        @Override
        public void progress(Action action, String message, long current, long total) {}

        @Override
        public void finished(Action action, Outcome outcome) {}
      };
}
