package dev.microworks.demosor.admin;

import dev.microworks.demosor.records.DemoData;
import dev.microworks.demosor.records.SorCollection;
import dev.microworks.demosor.web.ApiError;
import dev.microworks.demosor.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API (API key only): fault switches and the data generator. */
@RestController
@RequestMapping("/admin")
class AdminController {

  /** Largest number of records one generate call may create. */
  static final int MAX_GENERATE = 5_000_000;

  /**
   * Body of {@code POST /admin/faults}.
   *
   * @param kind RATE_LIMIT, SERVER_ERROR, SLOW or MALFORMED_JSON
   * @param count how many API requests get the fault, default 1
   * @param retryAfterSeconds Retry-After of RATE_LIMIT, default 1
   * @param delayMs delay of SLOW in milliseconds, default 1000
   * @param after how many API requests pass untouched first, default 0
   */
  record FaultRequest(
      String kind, Integer count, Integer retryAfterSeconds, Long delayMs, Integer after) {}

  /**
   * What is armed: {@code {"armed": null}} when nothing is.
   *
   * @param armed the armed fault and how many requests it still applies to
   */
  record FaultState(FaultSwitch.Armed armed) {}

  /**
   * Body of {@code POST /admin/generate} and {@code /admin/mutate}.
   *
   * @param collection tickets, pto-requests or expenses
   * @param count how many records to create or change
   */
  record DataRequest(String collection, Integer count) {}

  /**
   * Answer of {@code POST /admin/mutate}.
   *
   * @param collection the collection
   * @param changed how many records were changed
   * @param keys their keys, in ascending record order
   */
  record Mutated(String collection, int changed, List<String> keys) {}

  private final FaultSwitch faults;
  private final DemoData data;

  AdminController(FaultSwitch faults, DemoData data) {
    this.faults = faults;
    this.data = data;
  }

  @PostMapping("/faults")
  ResponseEntity<FaultState> arm(@RequestBody(required = false) FaultRequest body) {
    FaultRequest r = body == null ? new FaultRequest(null, null, null, null, null) : body;
    List<ApiError.FieldError> errors = new ArrayList<>();
    FaultSwitch.Kind kind = null;
    try {
      kind = FaultSwitch.Kind.valueOf(String.valueOf(r.kind()));
    } catch (IllegalArgumentException e) {
      errors.add(
          new ApiError.FieldError(
              "kind",
              "must be one of "
                  + Arrays.stream(FaultSwitch.Kind.values())
                      .map(Enum::name)
                      .collect(Collectors.joining(", "))
                  + ", was '"
                  + r.kind()
                  + "'"));
    }
    int count = r.count() == null ? 1 : r.count();
    if (count < 1) {
      errors.add(new ApiError.FieldError("count", "must be 1 or more, was " + count));
    }
    int retryAfter = r.retryAfterSeconds() == null ? 1 : r.retryAfterSeconds();
    if (retryAfter < 0) {
      errors.add(new ApiError.FieldError("retry_after_seconds", "must be 0 or more"));
    }
    long delay = r.delayMs() == null ? 1000 : r.delayMs();
    if (delay < 0 || delay > 600_000) {
      errors.add(new ApiError.FieldError("delay_ms", "must be from 0 to 600000"));
    }
    int after = r.after() == null ? 0 : r.after();
    if (after < 0) {
      errors.add(new ApiError.FieldError("after", "must be 0 or more"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalidFields(errors);
    }
    FaultSwitch.Armed armed = faults.arm(kind, count, retryAfter, Duration.ofMillis(delay), after);
    return ResponseEntity.status(HttpStatus.CREATED).body(new FaultState(armed));
  }

  @GetMapping("/faults")
  FaultState armed() {
    return new FaultState(faults.current().orElse(null));
  }

  @DeleteMapping("/faults")
  FaultState clear() {
    faults.clear();
    return new FaultState(null);
  }

  @PostMapping("/generate")
  ResponseEntity<DemoData.Generated> generate(@RequestBody(required = false) DataRequest body) {
    SorCollection collection = collection(body);
    int count = count(body, MAX_GENERATE);
    return ResponseEntity.status(HttpStatus.CREATED).body(data.generate(collection, count));
  }

  @PostMapping("/mutate")
  Mutated mutate(@RequestBody(required = false) DataRequest body) {
    SorCollection collection = collection(body);
    List<String> keys = data.mutate(collection, count(body, Integer.MAX_VALUE));
    return new Mutated(collection.path(), keys.size(), keys);
  }

  private static SorCollection collection(DataRequest body) {
    if (body == null || body.collection() == null) {
      throw ApiException.badRequest("collection is required: tickets, pto-requests or expenses");
    }
    try {
      return SorCollection.fromPath(body.collection());
    } catch (ApiException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static int count(DataRequest body, int max) {
    if (body.count() == null || body.count() < 0 || body.count() > max) {
      throw ApiException.badRequest("count is required, from 0 to " + max);
    }
    return body.count();
  }

  /** Registers the fault filter on /api/* ahead of Spring Security. */
  @Configuration(proxyBeanMethods = false)
  static class FaultFilterConfig {

    @Bean
    FilterRegistrationBean<FaultFilter> faultFilter(FaultSwitch faults) {
      FilterRegistrationBean<FaultFilter> registration =
          new FilterRegistrationBean<>(new FaultFilter(faults));
      registration.addUrlPatterns("/api/*");
      registration.setOrder(-200);
      return registration;
    }
  }
}
