//! Window units (政务服务窗口) form a hierarchy: province, city, county or
//! district. A case received at one unit and handled at another (cross-level
//! or cross-region, Art 16) is reported to the upper units of both, up to
//! their common one.

use sqlx::{AnyConnection, AnyPool, Row};

use crate::error::HubResult;

/// Adds a window unit under `parent` (none: a top unit), or moves it there.
pub async fn upsert_unit(pool: &AnyPool, name: &str, parent: Option<&str>) -> HubResult<()> {
    sqlx::query(
        "INSERT INTO window_units (name, parent) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET parent = excluded.parent",
    )
    .bind(name)
    .bind(parent)
    .execute(pool)
    .await?;
    Ok(())
}

/// Adds a department (idempotent).
pub async fn upsert_department(conn: &mut AnyConnection, name: &str) -> HubResult<()> {
    sqlx::query("INSERT INTO departments (name) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `unit` and its upper units, nearest first. A cycle in the table (which
/// the hub never writes) stops the walk.
async fn chain(conn: &mut AnyConnection, unit: &str) -> HubResult<Vec<String>> {
    let mut chain = vec![unit.to_owned()];
    let mut current = unit.to_owned();
    while chain.len() < 64 {
        let parent: Option<String> = sqlx::query("SELECT parent FROM window_units WHERE name = $1")
            .bind(&current)
            .fetch_optional(&mut *conn)
            .await?
            .map(|row| row.try_get::<Option<String>, _>("parent"))
            .transpose()?
            .flatten();
        match parent {
            Some(parent) if !chain.contains(&parent) => {
                chain.push(parent.clone());
                current = parent;
            }
            _ => break,
        }
    }
    Ok(chain)
}

/// The upper units a transfer from `receiving` to `handling` is reported
/// to: those above each of the two up to and including their common one,
/// without the two themselves (they are on the case already).
pub fn reported_between(receiving: &[String], handling: &[String]) -> Vec<String> {
    let (Some(r), Some(h)) = (receiving.first(), handling.first()) else {
        return Vec::new();
    };
    if r == h {
        return Vec::new();
    }
    let common = receiving.iter().find(|u| handling.contains(u)).cloned();
    let mut reported = Vec::new();
    for side in [receiving, handling] {
        // Up the side's chain (from the unit itself) until the common one.
        for unit in side.iter() {
            if unit != r && unit != h && !reported.contains(unit) {
                reported.push(unit.clone());
            }
            if Some(unit) == common.as_ref() {
                break;
            }
        }
    }
    reported
}

pub async fn reported_to(
    conn: &mut AnyConnection,
    receiving: &str,
    handling: &str,
) -> HubResult<Vec<String>> {
    let r = chain(conn, receiving).await?;
    let h = chain(conn, handling).await?;
    Ok(reported_between(&r, &h))
}

#[cfg(test)]
mod tests {
    use super::reported_between;

    fn v(units: &[&str]) -> Vec<String> {
        units.iter().map(|u| (*u).to_owned()).collect()
    }

    #[test]
    fn art16_reports_up_to_the_common_unit() {
        let lantian = v(&["蓝田县", "西安市", "陕西省"]);
        let changan = v(&["长安区", "西安市", "陕西省"]);
        let xian = v(&["西安市", "陕西省"]);
        let province = v(&["陕西省"]);
        let baoji = v(&["渭滨区", "宝鸡市", "陕西省"]);
        assert_eq!(reported_between(&lantian, &lantian), Vec::<String>::new());
        assert_eq!(reported_between(&lantian, &changan), v(&["西安市"]));
        assert_eq!(reported_between(&lantian, &xian), Vec::<String>::new());
        assert_eq!(reported_between(&lantian, &province), v(&["西安市"]));
        assert_eq!(
            reported_between(&lantian, &baoji),
            v(&["西安市", "陕西省", "宝鸡市"])
        );
    }
}
