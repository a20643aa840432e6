package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventConditionTest {

  @ParameterizedTest(name = "[{1}] {0} -> excluded={2}")
  @CsvSource(
      delimiter = '#',
      value = {
        "github.event_name != 'pull_request'                                  # pull_request        # true",
        "github.event_name != 'pull_request'                                  # pull_request_target # false",
        "${{ github.event_name != 'pull_request' }}                           # pull_request        # true",
        "github.event_name == 'push'                                          # pull_request        # true",
        "github.event_name == 'push'                                          # pull_request_target # true",
        "github.event_name == 'PULL_REQUEST'                                  # pull_request        # false",
        "'push' == github.event_name                                          # pull_request        # true",
        "github.event_name == 'push' || github.event_name == 'workflow_dispatch' # pull_request     # true",
        "github.event_name == 'push' || github.event_name == 'pull_request'   # pull_request        # false",
        "github.event_name == 'push' || github.actor == 'bot'                 # pull_request        # false",
        "github.actor == 'bot' && github.event_name == 'release'              # pull_request        # true",
        "startsWith(github.ref, 'refs/tags/')                                 # pull_request        # true",
        "startsWith(github.ref, 'refs/tags/')                                 # pull_request_target # true",
        "startsWith(github.ref, 'refs/')                                      # pull_request        # false",
        "github.ref == 'refs/heads/main'                                      # pull_request        # true",
        "github.ref == 'refs/heads/main'                                      # pull_request_target # false",
        "github.ref_type == 'tag'                                             # pull_request        # true",
        "!startsWith(github.event_name, 'pull_request')                       # pull_request_target # true",
        "!(github.event_name == 'pull_request')                               # pull_request        # true",
        "!contains(github.event_name, 'pull')                                 # pull_request        # true",
        "contains(fromJSON('[\"push\"]'), github.event_name)                  # pull_request        # false",
        "success() && github.event_name == 'push'                             # pull_request        # true",
        "always()                                                             # pull_request        # false",
        "false                                                                # pull_request        # true",
        "github.event.pull_request.head.repo.fork == false                    # pull_request        # false",
        "github.event_name != 'pull_request' &&                               # pull_request        # false",
        "github.event_name != 'pull_request                                   # pull_request        # false",
        "''                                                                   # pull_request        # false",
      })
  void excludesOnlyWhatIsCertainlyFalse(String condition, String event, boolean excluded) {
    assertEquals(excluded, EventCondition.excludes(condition, event));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "always()                   # true",
        "${{ !cancelled() }}        # true",
        "failure() || success()     # true",
        "success()                  # false",
        "github.event_name == 'push' # false",
      })
  void statusFunctionsOtherThanSuccessLiftTheNeedsChain(String condition, boolean overrides) {
    assertEquals(overrides, EventCondition.overridesNeeds(condition));
  }
}
