package dev.microworks.sync.internal;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task that runs syncs. One task instance per integration schedule and mode
 * (recurring: it reschedules itself), plus one per manual "sync now". db-scheduler picks each
 * instance on exactly one node; {@link IntegrationLock} keeps one run per integration at a time.
 */
@Configuration(proxyBeanMethods = false)
class SyncTaskConfiguration {

  static final String TASK_NAME = "integration-sync";

  @Bean
  CustomTask<String> integrationSyncTask(SyncExecutor executor) {
    return Tasks.custom(TASK_NAME, String.class)
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              SyncExecutor.Next next = executor.execute(SyncTaskData.decode(instance.getData()));
              return (complete, operations) -> {
                if (next instanceof SyncExecutor.Next.RunAgainAt again) {
                  operations.reschedule(complete, again.at());
                } else {
                  operations.remove();
                }
              };
            });
  }
}
