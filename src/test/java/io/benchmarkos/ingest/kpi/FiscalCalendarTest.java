package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiscalCalendarTest {

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void appleYearsEndOnTheLastSaturdayOfSeptemberWhateverTheAnchor() {
        for (String anchor : new String[] {"0930", "0926"}) {
            FiscalCalendar apple = new FiscalCalendar(anchor);
            assertThat(apple.classify(d("2022-09-25"), d("2023-09-30"))).contains(PeriodKey.fy(2023));
            assertThat(apple.classify(d("2021-09-26"), d("2022-09-24"))).contains(PeriodKey.fy(2022));
            assertThat(apple.classify(d("2022-09-25"), d("2022-12-31"))).contains(PeriodKey.quarter(2023, 1));
            assertThat(apple.classify(d("2022-09-25"), d("2023-04-01"))).contains(PeriodKey.ytd(2023, 2));
            assertThat(apple.classify(d("2022-09-25"), d("2023-07-01"))).contains(PeriodKey.ytd(2023, 3));
            assertThat(apple.classify(d("2023-04-02"), d("2023-07-01"))).contains(PeriodKey.quarter(2023, 3));
            assertThat(apple.classify(null, d("2023-09-30"))).contains(PeriodKey.fy(2023));
            assertThat(apple.classify(null, d("2023-04-01"))).contains(PeriodKey.quarter(2023, 2));
        }
    }

    @Test
    void nvidiaYearEndingLateJanuaryIsLabelledByTheYearItEndsIn() {
        for (String anchor : new String[] {"0125", "0131"}) {
            FiscalCalendar nvidia = new FiscalCalendar(anchor);
            assertThat(nvidia.classify(d("2025-01-27"), d("2026-01-25"))).contains(PeriodKey.fy(2026));
            assertThat(nvidia.classify(d("2020-01-27"), d("2021-01-31"))).contains(PeriodKey.fy(2021));
            assertThat(nvidia.classify(d("2026-01-26"), d("2026-04-26"))).contains(PeriodKey.quarter(2027, 1));
            assertThat(nvidia.classify(d("2025-01-27"), d("2025-10-26"))).contains(PeriodKey.ytd(2026, 3));
        }
    }

    @Test
    void yearEndInTheFirstDaysOfJanuaryBelongsToThePreviousDecember() {
        FiscalCalendar calendar = new FiscalCalendar("0103");
        // A 53-week year ending 2021-01-02 is fiscal 2020.
        assertThat(calendar.classify(d("2019-12-29"), d("2021-01-02"))).contains(PeriodKey.fy(2020));
        assertThat(calendar.classify(d("2019-12-29"), d("2020-12-26"))).contains(PeriodKey.fy(2020));
        assertThat(calendar.classify(d("2020-12-27"), d("2022-01-01"))).contains(PeriodKey.fy(2021));
        assertThat(calendar.fiscalYearOf(d("2021-01-02"))).isEqualTo(2020);
    }

    @Test
    void periodsThatAreNotFiscalQuartersOrYearsAreNotClassified() {
        FiscalCalendar calendar = new FiscalCalendar("1231");
        assertThat(calendar.classify(d("2023-01-01"), d("2023-01-31"))).isEmpty();
        assertThat(calendar.classify(d("2023-04-01"), d("2023-09-30"))).isEmpty(); // 6 months not from year start
        assertThat(calendar.classify(null, d("2024-02-15"))).isEmpty(); // a cover-page date
        assertThatThrownBy(() -> new FiscalCalendar("930")).isInstanceOf(IllegalArgumentException.class);
    }
}
