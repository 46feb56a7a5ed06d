//! The Chinese lunisolar calendar (农历), computed from astronomy.
//!
//! Nothing here is a typed-in table of lunar years: every month start is the
//! Beijing-time civil date of a computed new moon (朔), and every leap month
//! (闰月) follows from computed solar terms (节气), by the rules of
//! GB/T 33661-2017 《农历的编算和颁行》:
//!
//! - a month begins on the day (UTC+8) that holds the new moon;
//! - the month holding the winter solstice (冬至) is month 11;
//! - if 13 months run from one month 11 up to (not including) the next, the
//!   first of them with no major solar term (中气, sun's longitude a multiple
//!   of 30°) is the leap month and repeats the previous month's number.
//!
//! The astronomy follows Jean Meeus, *Astronomical Algorithms* (2nd ed.):
//! new moons from ch. 49 (mean lunation, periodic terms and planetary
//! arguments), the sun's apparent longitude from ch. 25's higher-accuracy
//! method (truncated VSOP87 for the Earth, FK5 correction, IAU 1980 nutation
//! and aberration), and ΔT (TT − UT) from the Espenak–Meeus polynomials.
//! Instants are Terrestrial Time Julian Ephemeris Days until the last step,
//! which converts to UT and then to Beijing civil dates.
//!
//! Accuracy is checked against the published calendar for 1900–2150. Outside
//! that range the functions still return a date (they never panic), but ΔT and
//! the truncated series make dates near midnight increasingly uncertain.

use chrono::{Datelike, NaiveDate};
use std::f64::consts::PI;

/// The Gregorian date (in China Standard Time, UTC+8) of the solar term 清明
/// (sun's apparent longitude 15°) in `year`.
pub fn qingming(year: i32) -> NaiveDate {
    let guess = jd_of_date(year, 4, 5);
    date_of_jdn(beijing_day(solar_term_jde(15.0, guess)))
}

/// The Gregorian date of the first day of the first lunar month (正月初一)
/// that falls in Gregorian `year`.
pub fn lunar_new_year(year: i32) -> NaiveDate {
    let span = months_between_winter_solstices(year);
    let first = span
        .iter()
        .find(|m| m.number == 1 && !m.leap)
        .or_else(|| span.get(2));
    first.map_or(NaiveDate::MIN, |m| date_of_jdn(m.start))
}

/// The Gregorian date of day `day` of the (non-leap) lunar month `month` of
/// the Chinese year that begins in Gregorian `year`; `None` if the month has
/// no such day (e.g. day 30 of a 29-day month) or arguments are out of range.
pub fn lunar_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let wanted = lunar_year_months(year)
        .into_iter()
        .find(|m| m.number == month && !m.leap)?;
    let jdn = wanted.start + i64::from(day) - 1;
    (jdn < wanted.end).then(|| date_of_jdn(jdn))
}

/// 除夕 (Chinese New Year's Eve): the last day of the lunar year that ends
/// just before `lunar_new_year(year)`.
pub fn chinese_new_years_eve(year: i32) -> NaiveDate {
    let new_year = lunar_new_year(year);
    new_year.pred_opt().unwrap_or(new_year)
}

// ---------------------------------------------------------------------------
// Lunar months
// ---------------------------------------------------------------------------

/// One lunar month: its number (1–12), whether it is a leap month, and the
/// Julian Day Numbers of its first day and of the first day after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LunarMonth {
    number: u32,
    leap: bool,
    start: i64,
    end: i64,
}

/// The months of the Chinese year that begins in Gregorian `year`: from
/// 正月 up to (not including) the next 正月. Months 1–10 (and any leap month
/// among them) come from the span ending at the December solstice of `year`;
/// months 11 and 12 from the span after it.
fn lunar_year_months(year: i32) -> Vec<LunarMonth> {
    let this_span = months_between_winter_solstices(year);
    let next_span = months_between_winter_solstices(year.saturating_add(1));
    let is_new_year = |m: &LunarMonth| m.number == 1 && !m.leap;
    let tail = this_span.iter().skip_while(|m| !is_new_year(m));
    let head = next_span.iter().take_while(|m| !is_new_year(m));
    tail.chain(head).copied().collect()
}

/// The 12 or 13 months from the month 11 holding the December solstice of
/// `year - 1` up to (not including) the month 11 holding that of `year`,
/// numbered and with the leap month (if any) marked.
fn months_between_winter_solstices(year: i32) -> Vec<LunarMonth> {
    let previous_solstice = december_solstice_jde(year.saturating_sub(1));
    let next_solstice = december_solstice_jde(year);
    let first_k = new_moon_index_on_or_before(beijing_day(previous_solstice));
    let last_k = new_moon_index_on_or_before(beijing_day(next_solstice));
    let starts: Vec<i64> = (first_k..=last_k)
        .map(|k| beijing_day(new_moon_jde(k as f64)))
        .collect();
    let month_count = starts.len().saturating_sub(1);
    let leap_index = if month_count == 13 {
        first_month_without_major_term(&starts, previous_solstice)
    } else {
        None
    };
    number_months(&starts, leap_index)
}

/// Numbers the months whose first days are `starts` (the last entry only
/// closes the last month), beginning with month 11 and giving the leap month
/// the number of the month before it.
fn number_months(starts: &[i64], leap_index: Option<usize>) -> Vec<LunarMonth> {
    let mut number = 10;
    starts
        .windows(2)
        .enumerate()
        .map(|(index, bounds)| {
            let leap = Some(index) == leap_index;
            if !leap {
                number = number % 12 + 1;
            }
            LunarMonth {
                number,
                leap,
                start: bounds[0],
                end: bounds[1],
            }
        })
        .collect()
}

/// The index of the first month (first days `starts`) that holds no major
/// solar term (中气), given the December solstice that opens the span.
fn first_month_without_major_term(starts: &[i64], solstice_jde: f64) -> Option<usize> {
    let major_term_days = major_term_days_from(solstice_jde);
    starts.windows(2).position(|bounds| {
        !major_term_days
            .iter()
            .any(|&day| day >= bounds[0] && day < bounds[1])
    })
}

/// Beijing civil days (as Julian Day Numbers) of the 13 major solar terms
/// from the given December solstice to the next one inclusive: 冬至, 大寒,
/// 雨水, 春分, … every 30° of the sun's apparent longitude.
fn major_term_days_from(solstice_jde: f64) -> Vec<i64> {
    (0..=12)
        .map(|i| {
            let longitude = (270.0 + 30.0 * f64::from(i)).rem_euclid(360.0);
            let guess = solstice_jde + f64::from(i) * TROPICAL_YEAR / 12.0;
            beijing_day(solar_term_jde(longitude, guess))
        })
        .collect()
}

/// The instant (JDE, TT) of the December solstice (冬至, 270°) of `year`.
fn december_solstice_jde(year: i32) -> f64 {
    solar_term_jde(270.0, jd_of_date(year, 12, 22))
}

/// The index `k` (Meeus' lunation number, 0 = January 2000) of the last new
/// moon whose Beijing date is on or before the day `jdn`.
fn new_moon_index_on_or_before(jdn: i64) -> i64 {
    let mut k = ((jdn as f64 - 2_451_550.1) / SYNODIC_MONTH).floor() as i64;
    // The mean estimate is off by at most one lunation; a few steps suffice,
    // and the bound keeps the loop finite even for absurd inputs.
    for _ in 0..8 {
        if beijing_day(new_moon_jde(k as f64)) > jdn {
            k -= 1;
        } else if beijing_day(new_moon_jde((k + 1) as f64)) <= jdn {
            k += 1;
        } else {
            break;
        }
    }
    k
}

// ---------------------------------------------------------------------------
// Time scales and dates
// ---------------------------------------------------------------------------

const SYNODIC_MONTH: f64 = 29.530_588_861;
const TROPICAL_YEAR: f64 = 365.242_2;
/// Julian Day Number of 0001-01-01 (proleptic Gregorian) minus chrono's day
/// count of that date (1).
const JDN_OF_CE_DAY_ZERO: i64 = 1_721_425;

/// The Julian Day (UT-style count) at 0h of a Gregorian date; an invalid date
/// falls back to the first of the month or January 1st.
fn jd_of_date(year: i32, month: u32, day: u32) -> f64 {
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, 1, 1))
        .unwrap_or(NaiveDate::MIN);
    (i64::from(date.num_days_from_ce()) + JDN_OF_CE_DAY_ZERO) as f64 - 0.5
}

/// The Gregorian date of a Julian Day Number (saturating at chrono's range).
fn date_of_jdn(jdn: i64) -> NaiveDate {
    let days = jdn - JDN_OF_CE_DAY_ZERO;
    let clamped = days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    NaiveDate::from_num_days_from_ce_opt(clamped).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The Beijing (UTC+8) civil day, as a Julian Day Number, holding the instant
/// `jde` given in Terrestrial Time.
fn beijing_day(jde: f64) -> i64 {
    let jd_ut = jde - delta_t_seconds(decimal_year(jde)) / 86_400.0;
    (jd_ut + 8.0 / 24.0 + 0.5).floor() as i64
}

fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - 2_451_545.0) / 365.25
}

/// ΔT = TT − UT in seconds, by the Espenak–Meeus polynomials (NASA's Five
/// Millennium Canon of Solar Eclipses), which hold to about a second in the
/// 20th century and become estimates after the present.
fn delta_t_seconds(year: f64) -> f64 {
    let y = year;
    if y < 1800.0 {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    } else if y < 1860.0 {
        let t = y - 1800.0;
        poly(
            t,
            &[
                13.72,
                -0.332_447,
                0.006_861_2,
                0.004_111_6,
                -0.000_374_36,
                0.000_012_127_2,
                -0.000_000_169_9,
                0.000_000_000_875,
            ],
        )
    } else if y < 1900.0 {
        let t = y - 1860.0;
        poly(
            t,
            &[
                7.62,
                0.573_7,
                -0.251_754,
                0.016_806_68,
                -0.000_447_362_4,
                1.0 / 233_174.0,
            ],
        )
    } else if y < 1920.0 {
        let t = y - 1900.0;
        poly(
            t,
            &[-2.79, 1.494_119, -0.059_893_9, 0.006_196_6, -0.000_197],
        )
    } else if y < 1941.0 {
        let t = y - 1920.0;
        poly(t, &[21.20, 0.844_93, -0.076_100, 0.002_093_6])
    } else if y < 1961.0 {
        let t = y - 1950.0;
        poly(t, &[29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0])
    } else if y < 1986.0 {
        let t = y - 1975.0;
        poly(t, &[45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0])
    } else if y < 2005.0 {
        let t = y - 2000.0;
        poly(
            t,
            &[
                63.86,
                0.334_5,
                -0.060_374,
                0.001_727_5,
                0.000_651_814,
                0.000_023_735_99,
            ],
        )
    } else if y < 2050.0 {
        let t = y - 2000.0;
        poly(t, &[62.92, 0.322_17, 0.005_589])
    } else if y < 2150.0 {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.562_8 * (2150.0 - y)
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    }
}

/// Evaluates c0 + c1·x + c2·x² + … (Horner).
fn poly(x: f64, coefficients: &[f64]) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, &c| acc * x + c)
}

fn sin_deg(degrees: f64) -> f64 {
    (degrees * PI / 180.0).sin()
}

// ---------------------------------------------------------------------------
// New moons (Meeus ch. 49)
// ---------------------------------------------------------------------------

/// The instant (JDE, TT) of the true new moon with lunation number `k`
/// (0 = the new moon of 2000-01-06).
fn new_moon_jde(k: f64) -> f64 {
    let t = k / 1236.85;
    let mean = poly(
        t,
        &[0.0, 0.0, 0.000_154_37, -0.000_000_150, 0.000_000_000_73],
    ) + 2_451_550.097_66
        + SYNODIC_MONTH * k;
    mean + new_moon_periodic_terms(k, t) + planetary_arguments_correction(k, t)
}

/// Meeus' periodic terms for the new moon (days), from the mean anomalies of
/// the sun and moon, the moon's argument of latitude and its node.
fn new_moon_periodic_terms(k: f64, t: f64) -> f64 {
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.553_4 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp =
        201.564_3 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.710_8 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let om = 124.774_6 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    -0.407_20 * sin_deg(mp)
        + 0.172_41 * e * sin_deg(m)
        + 0.016_08 * sin_deg(2.0 * mp)
        + 0.010_39 * sin_deg(2.0 * f)
        + 0.007_39 * e * sin_deg(mp - m)
        - 0.005_14 * e * sin_deg(mp + m)
        + 0.002_08 * e * e * sin_deg(2.0 * m)
        - 0.001_11 * sin_deg(mp - 2.0 * f)
        - 0.000_57 * sin_deg(mp + 2.0 * f)
        + 0.000_56 * e * sin_deg(2.0 * mp + m)
        - 0.000_42 * sin_deg(3.0 * mp)
        + 0.000_42 * e * sin_deg(m + 2.0 * f)
        + 0.000_38 * e * sin_deg(m - 2.0 * f)
        - 0.000_24 * e * sin_deg(2.0 * mp - m)
        - 0.000_17 * sin_deg(om)
        - 0.000_07 * sin_deg(mp + 2.0 * m)
        + 0.000_04 * sin_deg(2.0 * mp - 2.0 * f)
        + 0.000_04 * sin_deg(3.0 * m)
        + 0.000_03 * sin_deg(mp + m - 2.0 * f)
        + 0.000_03 * sin_deg(2.0 * mp + 2.0 * f)
        - 0.000_03 * sin_deg(mp + m + 2.0 * f)
        + 0.000_03 * sin_deg(mp - m + 2.0 * f)
        - 0.000_02 * sin_deg(mp - m - 2.0 * f)
        - 0.000_02 * sin_deg(3.0 * mp + m)
        + 0.000_02 * sin_deg(4.0 * mp)
}

/// Meeus' 14 additional corrections (days) from planetary arguments A1–A14:
/// (amplitude, constant, rate per lunation).
const PLANETARY_ARGUMENTS: [(f64, f64, f64); 14] = [
    (0.000_325, 299.77, 0.107_408),
    (0.000_165, 251.88, 0.016_321),
    (0.000_164, 251.83, 26.651_886),
    (0.000_126, 349.42, 36.412_478),
    (0.000_110, 84.66, 18.206_239),
    (0.000_062, 141.74, 53.303_771),
    (0.000_060, 207.14, 2.453_732),
    (0.000_056, 154.84, 7.306_860),
    (0.000_047, 34.52, 27.261_239),
    (0.000_042, 207.19, 0.121_824),
    (0.000_040, 291.34, 1.844_379),
    (0.000_037, 161.72, 24.198_154),
    (0.000_035, 239.56, 25.513_099),
    (0.000_023, 331.55, 3.592_518),
];

fn planetary_arguments_correction(k: f64, t: f64) -> f64 {
    PLANETARY_ARGUMENTS
        .iter()
        .enumerate()
        .map(|(i, &(amplitude, constant, rate))| {
            // Only A1 has a quadratic term.
            let quadratic = if i == 0 { -0.009_173 * t * t } else { 0.0 };
            amplitude * sin_deg(constant + rate * k + quadratic)
        })
        .sum()
}

// ---------------------------------------------------------------------------
// Solar terms (Meeus ch. 25, 22, 32 / VSOP87)
// ---------------------------------------------------------------------------

/// The instant (JDE, TT) when the sun's apparent longitude reaches
/// `longitude` degrees, searched from `guess` (within a few days of it).
fn solar_term_jde(longitude: f64, guess: f64) -> f64 {
    let mut jde = guess;
    // Newton's method with the sun's mean rate as derivative; it gains about
    // two digits per step, so 12 steps are far more than the few needed.
    for _ in 0..12 {
        let error = (longitude - apparent_solar_longitude(jde) + 540.0).rem_euclid(360.0) - 180.0;
        jde += error * TROPICAL_YEAR / 360.0;
        if error.abs() < 1e-9 {
            break;
        }
    }
    jde
}

/// The sun's apparent geocentric longitude in degrees (0–360) at `jde`:
/// VSOP87 Earth longitude + 180°, FK5 correction, nutation and aberration.
fn apparent_solar_longitude(jde: f64) -> f64 {
    let tau = (jde - 2_451_545.0) / 365_250.0;
    let earth_longitude = vsop_sum(&EARTH_L, tau).to_degrees();
    let radius = vsop_sum(&EARTH_R, tau);
    let geometric = earth_longitude + 180.0;
    let fk5 = -0.090_33 / 3600.0;
    let aberration = -20.489_8 / 3600.0 / radius;
    (geometric + fk5 + nutation_in_longitude(tau * 10.0) + aberration).rem_euclid(360.0)
}

/// Σ_i τ^i · Σ A·cos(B + C·τ) · 10⁻⁸ (radians or AU).
fn vsop_sum(series: &[&[(f64, f64, f64)]], tau: f64) -> f64 {
    series.iter().rev().fold(0.0, |acc, terms| {
        acc * tau
            + terms
                .iter()
                .map(|&(a, b, c)| a * (b + c * tau).cos())
                .sum::<f64>()
    }) / 1e8
}

/// Nutation in longitude Δψ in degrees (IAU 1980 theory, Meeus ch. 22),
/// `t` in Julian centuries of TT from J2000.0.
fn nutation_in_longitude(t: f64) -> f64 {
    let d = poly(
        t,
        &[297.850_36, 445_267.111_480, -0.001_914_2, 1.0 / 189_474.0],
    );
    let m = poly(
        t,
        &[357.527_72, 35_999.050_340, -0.000_160_3, -1.0 / 300_000.0],
    );
    let mp = poly(
        t,
        &[134.962_98, 477_198.867_398, 0.008_697_2, 1.0 / 56_250.0],
    );
    let f = poly(
        t,
        &[93.271_91, 483_202.017_538, -0.003_682_5, 1.0 / 327_270.0],
    );
    let om = poly(
        t,
        &[125.044_52, -1_934.136_261, 0.002_070_8, 1.0 / 450_000.0],
    );
    let arcsec_e4: f64 = NUTATION_TERMS
        .iter()
        .map(|&(cd, cm, cmp, cf, com, s0, s1)| {
            let argument = cd * d + cm * m + cmp * mp + cf * f + com * om;
            (s0 + s1 * t) * sin_deg(argument)
        })
        .sum();
    arcsec_e4 / 10_000.0 / 3600.0
}

/// Multipliers of D, M, M′, F, Ω and the sine coefficients (0.0001″, and per
/// century) of the IAU 1980 nutation in longitude (Meeus table 22.A).
#[rustfmt::skip]
const NUTATION_TERMS: [(f64, f64, f64, f64, f64, f64, f64); 63] = [
    (0.0, 0.0, 0.0, 0.0, 1.0, -171_996.0, -174.2),
    (-2.0, 0.0, 0.0, 2.0, 2.0, -13_187.0, -1.6),
    (0.0, 0.0, 0.0, 2.0, 2.0, -2_274.0, -0.2),
    (0.0, 0.0, 0.0, 0.0, 2.0, 2_062.0, 0.2),
    (0.0, 1.0, 0.0, 0.0, 0.0, 1_426.0, -3.4),
    (0.0, 0.0, 1.0, 0.0, 0.0, 712.0, 0.1),
    (-2.0, 1.0, 0.0, 2.0, 2.0, -517.0, 1.2),
    (0.0, 0.0, 0.0, 2.0, 1.0, -386.0, -0.4),
    (0.0, 0.0, 1.0, 2.0, 2.0, -301.0, 0.0),
    (-2.0, -1.0, 0.0, 2.0, 2.0, 217.0, -0.5),
    (-2.0, 0.0, 1.0, 0.0, 0.0, -158.0, 0.0),
    (-2.0, 0.0, 0.0, 2.0, 1.0, 129.0, 0.1),
    (0.0, 0.0, -1.0, 2.0, 2.0, 123.0, 0.0),
    (2.0, 0.0, 0.0, 0.0, 0.0, 63.0, 0.0),
    (0.0, 0.0, 1.0, 0.0, 1.0, 63.0, 0.1),
    (2.0, 0.0, -1.0, 2.0, 2.0, -59.0, 0.0),
    (0.0, 0.0, -1.0, 0.0, 1.0, -58.0, -0.1),
    (0.0, 0.0, 1.0, 2.0, 1.0, -51.0, 0.0),
    (-2.0, 0.0, 2.0, 0.0, 0.0, 48.0, 0.0),
    (0.0, 0.0, -2.0, 2.0, 1.0, 46.0, 0.0),
    (2.0, 0.0, 0.0, 2.0, 2.0, -38.0, 0.0),
    (0.0, 0.0, 2.0, 2.0, 2.0, -31.0, 0.0),
    (0.0, 0.0, 2.0, 0.0, 0.0, 29.0, 0.0),
    (-2.0, 0.0, 1.0, 2.0, 2.0, 29.0, 0.0),
    (0.0, 0.0, 0.0, 2.0, 0.0, 26.0, 0.0),
    (-2.0, 0.0, 0.0, 2.0, 0.0, -22.0, 0.0),
    (0.0, 0.0, -1.0, 2.0, 1.0, 21.0, 0.0),
    (0.0, 2.0, 0.0, 0.0, 0.0, 17.0, -0.1),
    (2.0, 0.0, -1.0, 0.0, 1.0, 16.0, 0.0),
    (-2.0, 2.0, 0.0, 2.0, 2.0, -16.0, 0.1),
    (0.0, 1.0, 0.0, 0.0, 1.0, -15.0, 0.0),
    (-2.0, 0.0, 1.0, 0.0, 1.0, -13.0, 0.0),
    (0.0, -1.0, 0.0, 0.0, 1.0, -12.0, 0.0),
    (0.0, 0.0, 2.0, -2.0, 0.0, 11.0, 0.0),
    (2.0, 0.0, -1.0, 2.0, 1.0, -10.0, 0.0),
    (2.0, 0.0, 1.0, 2.0, 2.0, -8.0, 0.0),
    (0.0, 1.0, 0.0, 2.0, 2.0, 7.0, 0.0),
    (-2.0, 1.0, 1.0, 0.0, 0.0, -7.0, 0.0),
    (0.0, -1.0, 0.0, 2.0, 2.0, -7.0, 0.0),
    (2.0, 0.0, 0.0, 2.0, 1.0, -7.0, 0.0),
    (2.0, 0.0, 1.0, 0.0, 0.0, 6.0, 0.0),
    (-2.0, 0.0, 2.0, 2.0, 2.0, 6.0, 0.0),
    (-2.0, 0.0, 1.0, 2.0, 1.0, 6.0, 0.0),
    (2.0, 0.0, -2.0, 0.0, 1.0, -6.0, 0.0),
    (2.0, 0.0, 0.0, 0.0, 1.0, -6.0, 0.0),
    (0.0, -1.0, 1.0, 0.0, 0.0, 5.0, 0.0),
    (-2.0, -1.0, 0.0, 2.0, 1.0, -5.0, 0.0),
    (-2.0, 0.0, 0.0, 0.0, 1.0, -5.0, 0.0),
    (0.0, 0.0, 2.0, 2.0, 1.0, -5.0, 0.0),
    (-2.0, 0.0, 2.0, 0.0, 1.0, 4.0, 0.0),
    (-2.0, 1.0, 0.0, 2.0, 1.0, 4.0, 0.0),
    (0.0, 0.0, 1.0, -2.0, 0.0, 4.0, 0.0),
    (-1.0, 0.0, 1.0, 0.0, 0.0, -4.0, 0.0),
    (-2.0, 1.0, 0.0, 0.0, 0.0, -4.0, 0.0),
    (1.0, 0.0, 0.0, 0.0, 0.0, -4.0, 0.0),
    (0.0, 0.0, 1.0, 2.0, 0.0, 3.0, 0.0),
    (0.0, 0.0, -2.0, 2.0, 2.0, -3.0, 0.0),
    (-1.0, -1.0, 1.0, 0.0, 0.0, -3.0, 0.0),
    (0.0, 1.0, 1.0, 0.0, 0.0, -3.0, 0.0),
    (0.0, -1.0, 1.0, 2.0, 2.0, -3.0, 0.0),
    (2.0, -1.0, -1.0, 2.0, 2.0, -3.0, 0.0),
    (0.0, 0.0, 3.0, 2.0, 2.0, -3.0, 0.0),
    (2.0, -1.0, 0.0, 2.0, 2.0, -3.0, 0.0),
];

/// VSOP87 heliocentric longitude of the Earth, L0–L5, as truncated by Meeus
/// (appendix III): (A, B, C) for A·cos(B + C·τ), A in 10⁻⁸ rad.
const EARTH_L: [&[(f64, f64, f64)]; 6] = [
    &EARTH_L0, &EARTH_L1, &EARTH_L2, &EARTH_L3, &EARTH_L4, &EARTH_L5,
];
/// VSOP87 radius vector of the Earth, R0–R4 (A in 10⁻⁸ AU).
const EARTH_R: [&[(f64, f64, f64)]; 5] = [&EARTH_R0, &EARTH_R1, &EARTH_R2, &EARTH_R3, &EARTH_R4];

#[rustfmt::skip]
const EARTH_L0: [(f64, f64, f64); 64] = [
    (175_347_046.0, 0.0, 0.0), (3_341_656.0, 4.669_256_8, 6_283.075_85),
    (34_894.0, 4.626_1, 12_566.151_7), (3_497.0, 2.744_1, 5_753.384_9),
    (3_418.0, 2.828_9, 3.523_1), (3_136.0, 3.627_7, 77_713.771_5),
    (2_676.0, 4.418_1, 7_860.419_4), (2_343.0, 6.135_2, 3_930.209_7),
    (1_324.0, 0.742_5, 11_506.769_8), (1_273.0, 2.037_1, 529.691),
    (1_199.0, 1.109_6, 1_577.343_5), (990.0, 5.233, 5_884.927),
    (902.0, 2.045, 26.298), (857.0, 3.508, 398.149),
    (780.0, 1.179, 5_223.694), (753.0, 2.533, 5_507.553),
    (505.0, 4.583, 18_849.228), (492.0, 4.205, 775.523),
    (357.0, 2.92, 0.067), (317.0, 5.849, 11_790.629),
    (284.0, 1.899, 796.298), (271.0, 0.315, 10_977.079),
    (243.0, 0.345, 5_486.778), (206.0, 4.806, 2_544.314),
    (205.0, 1.869, 5_573.143), (202.0, 2.458, 6_069.777),
    (156.0, 0.833, 213.299), (132.0, 3.411, 2_942.463),
    (126.0, 1.083, 20.775), (115.0, 0.645, 0.98),
    (103.0, 0.636, 4_694.003), (102.0, 0.976, 15_720.839),
    (102.0, 4.267, 7.114), (99.0, 6.21, 2_146.17),
    (98.0, 0.68, 155.42), (86.0, 5.98, 161_000.69),
    (85.0, 1.3, 6_275.96), (85.0, 3.67, 71_430.7),
    (80.0, 1.81, 17_260.15), (79.0, 3.04, 12_036.46),
    (75.0, 1.76, 5_088.63), (74.0, 3.5, 3_154.69),
    (74.0, 4.68, 801.82), (70.0, 0.83, 9_437.76),
    (62.0, 3.98, 8_827.39), (61.0, 1.82, 7_084.9),
    (57.0, 2.78, 6_286.6), (56.0, 4.39, 14_143.5),
    (56.0, 3.47, 6_279.55), (52.0, 0.19, 12_139.55),
    (52.0, 1.33, 1_748.02), (51.0, 0.28, 5_856.48),
    (49.0, 0.49, 1_194.45), (41.0, 5.37, 8_429.24),
    (41.0, 2.4, 19_651.05), (39.0, 6.17, 10_447.39),
    (37.0, 6.04, 10_213.29), (37.0, 2.57, 1_059.38),
    (36.0, 1.71, 2_352.87), (36.0, 1.78, 6_812.77),
    (33.0, 0.59, 17_789.85), (30.0, 0.44, 83_996.85),
    (30.0, 2.74, 1_349.87), (25.0, 3.16, 4_690.48),
];

#[rustfmt::skip]
const EARTH_L1: [(f64, f64, f64); 34] = [
    (628_331_966_747.0, 0.0, 0.0), (206_059.0, 2.678_235, 6_283.075_85),
    (4_303.0, 2.635_1, 12_566.151_7), (425.0, 1.59, 3.523),
    (119.0, 5.796, 26.298), (109.0, 2.966, 1_577.344),
    (93.0, 2.59, 18_849.23), (72.0, 1.14, 529.69),
    (68.0, 1.87, 398.15), (67.0, 4.41, 5_507.55),
    (59.0, 2.89, 5_223.69), (56.0, 2.17, 155.42),
    (45.0, 0.4, 796.3), (36.0, 0.47, 775.52),
    (29.0, 2.65, 7.11), (21.0, 5.34, 0.98),
    (19.0, 1.85, 5_486.78), (19.0, 4.97, 213.3),
    (17.0, 2.99, 6_275.96), (16.0, 0.03, 2_544.31),
    (16.0, 1.43, 2_146.17), (15.0, 1.21, 10_977.08),
    (12.0, 2.83, 1_748.02), (12.0, 3.26, 5_088.63),
    (12.0, 5.27, 1_194.45), (12.0, 2.08, 4_694.0),
    (11.0, 0.77, 553.57), (10.0, 1.3, 6_286.6),
    (10.0, 4.24, 1_349.87), (9.0, 2.7, 242.73),
    (9.0, 5.64, 951.72), (8.0, 5.3, 2_352.87),
    (6.0, 2.65, 9_437.76), (6.0, 4.67, 4_690.48),
];

#[rustfmt::skip]
const EARTH_L2: [(f64, f64, f64); 20] = [
    (52_919.0, 0.0, 0.0), (8_720.0, 1.072_1, 6_283.075_8),
    (309.0, 0.867, 12_566.152), (27.0, 0.05, 3.52),
    (16.0, 5.19, 26.3), (16.0, 3.68, 155.42),
    (10.0, 0.76, 18_849.23), (9.0, 2.06, 77_713.77),
    (7.0, 0.83, 775.52), (5.0, 4.66, 1_577.34),
    (4.0, 1.03, 7.11), (4.0, 3.44, 5_573.14),
    (3.0, 5.14, 796.3), (3.0, 6.05, 5_507.55),
    (3.0, 1.19, 242.73), (3.0, 6.12, 529.69),
    (3.0, 0.31, 398.15), (3.0, 2.28, 553.57),
    (2.0, 4.38, 5_223.69), (2.0, 3.75, 0.98),
];

#[rustfmt::skip]
const EARTH_L3: [(f64, f64, f64); 7] = [
    (289.0, 5.844, 6_283.076), (35.0, 0.0, 0.0),
    (17.0, 5.49, 12_566.15), (3.0, 5.2, 155.42),
    (1.0, 4.72, 3.52), (1.0, 5.3, 18_849.23),
    (1.0, 5.97, 242.73),
];

// The series print phases such as 3.142 rounded; they are data, not π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const EARTH_L4: [(f64, f64, f64); 3] = [
    (114.0, 3.142, 0.0), (8.0, 4.13, 6_283.08), (1.0, 3.84, 12_566.15),
];

// The series print phases such as 3.142 rounded; they are data, not π.
#[allow(clippy::approx_constant)]
const EARTH_L5: [(f64, f64, f64); 1] = [(1.0, 3.14, 0.0)];

#[rustfmt::skip]
const EARTH_R0: [(f64, f64, f64); 40] = [
    (100_013_989.0, 0.0, 0.0), (1_670_700.0, 3.098_463_5, 6_283.075_85),
    (13_956.0, 3.055_25, 12_566.151_7), (3_084.0, 5.198_5, 77_713.771_5),
    (1_628.0, 1.173_9, 5_753.384_9), (1_576.0, 2.846_9, 7_860.419_4),
    (925.0, 5.453, 11_506.77), (542.0, 4.564, 3_930.21),
    (472.0, 3.661, 5_884.927), (346.0, 0.964, 5_507.553),
    (329.0, 5.9, 5_223.694), (307.0, 0.299, 5_573.143),
    (243.0, 4.273, 11_790.629), (212.0, 5.847, 1_577.344),
    (186.0, 5.022, 10_977.079), (175.0, 3.012, 18_849.228),
    (110.0, 5.055, 5_486.778), (98.0, 0.89, 6_069.78),
    (86.0, 5.69, 15_720.84), (86.0, 1.27, 161_000.69),
    (65.0, 0.27, 17_260.15), (63.0, 0.92, 529.69),
    (57.0, 2.01, 83_996.85), (56.0, 5.24, 71_430.7),
    (49.0, 3.25, 2_544.31), (47.0, 2.58, 775.52),
    (45.0, 5.54, 9_437.76), (43.0, 6.01, 6_275.96),
    (39.0, 5.36, 4_694.0), (38.0, 2.39, 8_827.39),
    (37.0, 0.83, 19_651.05), (37.0, 4.9, 12_139.55),
    (36.0, 1.67, 12_036.46), (35.0, 1.84, 2_942.46),
    (33.0, 0.24, 7_084.9), (32.0, 0.18, 5_088.63),
    (32.0, 1.78, 398.15), (28.0, 1.21, 6_286.6),
    (28.0, 1.9, 6_279.55), (26.0, 4.59, 10_447.39),
];

// The series print phases such as 3.142 rounded; they are data, not π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const EARTH_R1: [(f64, f64, f64); 10] = [
    (103_019.0, 1.107_49, 6_283.075_85), (1_721.0, 1.064_4, 12_566.151_7),
    (702.0, 3.142, 0.0), (32.0, 1.02, 18_849.23),
    (31.0, 2.84, 5_507.55), (25.0, 1.32, 5_223.69),
    (18.0, 1.42, 1_577.34), (10.0, 5.91, 10_977.08),
    (9.0, 1.42, 6_275.96), (9.0, 0.27, 5_486.78),
];

// The series print phases such as 3.142 rounded; they are data, not π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const EARTH_R2: [(f64, f64, f64); 6] = [
    (4_359.0, 5.784_6, 6_283.075_8), (124.0, 5.579, 12_566.152),
    (12.0, 3.14, 0.0), (9.0, 3.63, 77_713.77),
    (6.0, 1.87, 5_573.14), (3.0, 5.47, 18_849.23),
];

const EARTH_R3: [(f64, f64, f64); 2] = [(145.0, 4.273, 6_283.076), (7.0, 3.92, 12_566.15)];

const EARTH_R4: [(f64, f64, f64); 1] = [(4.0, 2.56, 6_283.08)];

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn meeus_example_new_moon() {
        // Meeus example 49.a: the new moon of 1977 February, k = -283,
        // JDE 2443192.65118.
        assert!((new_moon_jde(-283.0) - 2_443_192.651_18).abs() < 1e-5);
    }

    #[test]
    fn meeus_example_apparent_solar_longitude() {
        // Meeus example 25.b: 1992 October 13.0 TD, λ = 199°54′21.818″.
        let expected = 199.0 + 54.0 / 60.0 + 21.818 / 3600.0;
        let got = apparent_solar_longitude(2_448_908.5);
        assert!((got - expected).abs() * 3600.0 < 1.0, "{got}");
    }

    /// 正月初一 1990–2100 as published (Purple Mountain Observatory / HKO
    /// tables), month-day per year starting at 1990.
    const NEW_YEARS_1990_2100: [(u32, u32); 111] = [
        (1, 27),
        (2, 15),
        (2, 4),
        (1, 23),
        (2, 10),
        (1, 31),
        (2, 19),
        (2, 7),
        (1, 28),
        (2, 16),
        (2, 5),
        (1, 24),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 9),
        (1, 29),
        (2, 18),
        (2, 7),
        (1, 26),
        (2, 14),
        (2, 3),
        (1, 23),
        (2, 10),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 16),
        (2, 5),
        (1, 25),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 13),
        (2, 3),
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 15),
        (2, 4),
        (1, 24),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 30),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 14),
        (2, 2),
        (1, 23),
        (2, 11),
        (2, 1),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 15),
        (2, 4),
        (1, 24),
        (2, 12),
        (2, 2),
        (1, 21),
        (2, 9),
        (1, 29),
        (2, 17),
        (2, 5),
        (1, 26),
        (2, 14),
        (2, 3),
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 7),
        (1, 27),
        (2, 15),
        (2, 5),
        (1, 24),
        (2, 12),
        (2, 2),
        (1, 22),
        (2, 9),
        (1, 29),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 14),
        (2, 3),
        (1, 24),
        (2, 10),
        (1, 30),
        (2, 18),
        (2, 7),
        (1, 27),
        (2, 15),
        (2, 5),
        (1, 25),
        (2, 12),
        (2, 1),
        (1, 21),
        (2, 9),
    ];

    #[test]
    fn lunar_new_year_1990_to_2100() {
        for (year, &(month, day)) in (1990..).zip(NEW_YEARS_1990_2100.iter()) {
            assert_eq!(lunar_new_year(year), ymd(year, month, day), "{year}");
        }
    }

    #[test]
    fn lunar_new_year_spot_checks_outside_1990_2100() {
        // 1900 (庚子), 1920 and 1985 (the latest, 20 Feb), 1966 (the earliest,
        // 21 Jan), 2148 (20 Feb).
        assert_eq!(lunar_new_year(1900), ymd(1900, 1, 31));
        assert_eq!(lunar_new_year(1920), ymd(1920, 2, 20));
        assert_eq!(lunar_new_year(1949), ymd(1949, 1, 29));
        assert_eq!(lunar_new_year(1966), ymd(1966, 1, 21));
        assert_eq!(lunar_new_year(1985), ymd(1985, 2, 20));
        // The 2033 problem: 2033 has a leap 11th month, so 2034 starts late.
        assert_eq!(lunar_new_year(2034), ymd(2034, 2, 19));
    }

    #[test]
    fn new_years_eve_is_the_day_before_new_year() {
        assert_eq!(chinese_new_years_eve(2025), ymd(2025, 1, 28));
        assert_eq!(chinese_new_years_eve(2026), ymd(2026, 2, 16));
        assert_eq!(chinese_new_years_eve(2024), ymd(2024, 2, 9));
        for year in 1900..=2150 {
            let eve = chinese_new_years_eve(year);
            assert_eq!(eve.succ_opt(), Some(lunar_new_year(year)));
            // Hence 除夕 never leaves January–February of `year`.
            assert_eq!(eve.year(), year);
        }
    }

    #[test]
    fn qingming_2000_to_2040() {
        // Day in April; a 4-year rhythm of 4,4,5,5 after 2008, 4,5,5,5 before.
        let days = [
            4, 5, 5, 5, 4, 5, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4,
            4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4,
        ];
        for (year, &day) in (2000..).zip(days.iter()) {
            assert_eq!(qingming(year), ymd(year, 4, day), "{year}");
        }
    }

    #[test]
    fn dragon_boat_and_mid_autumn_2020_to_2030() {
        let expected = [
            (2020, (6, 25), (10, 1)),
            (2021, (6, 14), (9, 21)),
            (2022, (6, 3), (9, 10)),
            (2023, (6, 22), (9, 29)),
            (2024, (6, 10), (9, 17)),
            (2025, (5, 31), (10, 6)),
            (2026, (6, 19), (9, 25)),
            (2027, (6, 9), (9, 15)),
            (2028, (5, 28), (10, 3)),
            (2029, (6, 16), (9, 22)),
            (2030, (6, 5), (9, 12)),
        ];
        for (year, (dm, dd), (am, ad)) in expected {
            assert_eq!(
                lunar_to_gregorian(year, 5, 5),
                Some(ymd(year, dm, dd)),
                "{year}"
            );
            assert_eq!(
                lunar_to_gregorian(year, 8, 15),
                Some(ymd(year, am, ad)),
                "{year}"
            );
        }
    }

    #[test]
    fn leap_months_are_placed_by_the_major_terms() {
        // 2023 闰二月, 2025 闰六月, 2020 闰四月, 2033 闰十一月.
        let leap = |year| lunar_year_months(year).into_iter().find(|m| m.leap);
        assert_eq!(leap(2023).map(|m| m.number), Some(2));
        assert_eq!(leap(2025).map(|m| m.number), Some(6));
        assert_eq!(leap(2020).map(|m| m.number), Some(4));
        assert_eq!(leap(2033).map(|m| m.number), Some(11));
        assert_eq!(leap(2024), None);
        // The leap month itself is never returned for a plain month number:
        // 2025 六月 starts 25 June, 闰六月 on 25 July, 七月 on 23 August.
        assert_eq!(lunar_to_gregorian(2025, 6, 1), Some(ymd(2025, 6, 25)));
        assert_eq!(lunar_to_gregorian(2025, 7, 1), Some(ymd(2025, 8, 23)));
        // 2023 二月 starts 20 February, 闰二月 22 March, 三月 20 April.
        assert_eq!(lunar_to_gregorian(2023, 2, 1), Some(ymd(2023, 2, 20)));
        assert_eq!(lunar_to_gregorian(2023, 3, 1), Some(ymd(2023, 4, 20)));
    }

    #[test]
    fn every_year_has_12_or_13_months_of_29_or_30_days() {
        for year in 1900..=2150 {
            let months = lunar_year_months(year);
            let leaps = months.iter().filter(|m| m.leap).count();
            assert_eq!(months.len(), 12 + leaps, "{year}");
            assert!(leaps <= 1, "{year}");
            assert!(months
                .iter()
                .all(|m| (29..=30).contains(&(m.end - m.start))));
            assert!(months.windows(2).all(|w| w[0].end == w[1].start));
        }
    }

    #[test]
    fn out_of_range_lunar_dates_are_none() {
        assert_eq!(lunar_to_gregorian(2025, 0, 1), None);
        assert_eq!(lunar_to_gregorian(2025, 13, 1), None);
        assert_eq!(lunar_to_gregorian(2025, 1, 0), None);
        assert_eq!(lunar_to_gregorian(2025, 1, 31), None);
        // 2025 正月 has 30 days (29 Jan – 27 Feb), 二月 29 (28 Feb – 28 Mar).
        assert_eq!(lunar_to_gregorian(2025, 1, 30), Some(ymd(2025, 2, 27)));
        assert_eq!(lunar_to_gregorian(2025, 2, 29), Some(ymd(2025, 3, 28)));
        assert_eq!(lunar_to_gregorian(2025, 2, 30), None);
        // 2024 腊月 (month 12, in January 2025) has 29 days: 除夕 is the 29th.
        assert_eq!(lunar_to_gregorian(2024, 12, 29), Some(ymd(2025, 1, 28)));
    }

    #[test]
    fn far_years_do_not_panic() {
        for year in [-4000, 0, 1000, 3000, 9000] {
            let _ = lunar_new_year(year);
            let _ = qingming(year);
            let _ = lunar_to_gregorian(year, 8, 15);
        }
    }
}
