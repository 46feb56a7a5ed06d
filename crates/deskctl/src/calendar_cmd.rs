//! `deskctl calendar …`

use std::io::Write as _;

use approval_api::calendar::{add_local_rest_day, import_calendar_year, remove_local_rest_day};
use approval_api::Actor;
use approval_core::calendar::{ArrangementSource, LocalRestDay};

use crate::args::{CalendarCommand, Cli};
use crate::failure::Failure;

pub fn run(cli: &Cli, command: &CalendarCommand) -> Result<(), Failure> {
    let desk = crate::block_on(crate::open_desk(cli))?;
    match command {
        CalendarCommand::Days { from, to } => {
            if to < from {
                return Err(Failure::Usage(format!(
                    "--to {to} is before --from {from}: the range is reversed"
                )));
            }
            let calendar = desk.calendar()?;
            let mut out = std::io::stdout().lock();
            let mut warned = Vec::new();
            for date in from.iter_days().take_while(|d| d <= to) {
                let day = calendar.day(date)?;
                let kind = if day.is_workday { "workday" } else { "restday" };
                let mut line = format!("{date}\t{kind}");
                if day.holiday.is_some() || day.provisional {
                    line.push('\t');
                    line.push_str(day.holiday.unwrap_or(""));
                }
                if day.provisional {
                    line.push_str("\tprovisional");
                    let year = chrono::Datelike::year(&date);
                    if !warned.contains(&year) {
                        warned.push(year);
                        eprintln!(
                            "deskctl: warning: {year} has no published arrangement; its days are provisional (computed from the statutory holidays)"
                        );
                    }
                }
                // A closed pipe (e.g. `| head`) ends the listing quietly.
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(())
        }
        CalendarCommand::Import { file, user } => {
            let json = std::fs::read_to_string(file).map_err(|source| Failure::ReadInput {
                path: file.display().to_string(),
                source,
            })?;
            let actor = Actor::new(user.clone().unwrap_or_else(crate::guide_cmd::login_name));
            let arrangement = crate::block_on(async {
                Ok(import_calendar_year(&desk, &actor, &json, file).await?)
            })?
            .arrangement;
            let rest = arrangement.days.iter().filter(|d| d.is_off_day).count();
            println!(
                "imported {}: {} rest days, {} adjusted working days, from {}",
                arrangement.year,
                rest,
                arrangement.days.len() - rest,
                arrangement.papers.join("; ")
            );
            Ok(())
        }
        CalendarCommand::Status => {
            let calendar = desk.calendar()?;
            let today = approval_core::china_time::china_date(&chrono::Utc::now());
            for year in approval_core::calendar::FIRST_YEAR..=calendar.last_year() {
                let source = match calendar.year_source(year) {
                    Some(ArrangementSource::Official) => "official",
                    _ => "provisional",
                };
                println!("{year}\t{source}");
            }
            for notice in calendar.notices(today) {
                eprintln!("deskctl: warning: {}", notice.message_zh());
            }
            Ok(())
        }
        CalendarCommand::LocalAdd { date, name } => {
            if name.trim().is_empty() {
                return Err(Failure::Usage("--name must not be empty".to_owned()));
            }
            add_local_rest_day(
                &desk,
                LocalRestDay {
                    date: *date,
                    name: name.trim().to_owned(),
                },
            )?;
            println!("{date}\trestday\t{}", name.trim());
            Ok(())
        }
        CalendarCommand::LocalRemove { date } => {
            if remove_local_rest_day(&desk, *date)? {
                println!("removed {date}");
                Ok(())
            } else {
                Err(Failure::Usage(format!("{date} is not a local rest day")))
            }
        }
    }
}
