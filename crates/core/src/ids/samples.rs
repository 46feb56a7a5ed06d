//! Valid identifiers for the sample guides (`tests/fixtures/guides/`), the
//! fixtures and the hub's demo data. The departments are real names, but the
//! codes are made up: plausible (陕西省西安市, region codes 6101xx; the
//! embedded organisation codes even carry a valid GB 11714 check) and with
//! correct check characters, yet not the bodies' actual registrations. The
//! basic codes are made up too; the real ones come from the item catalogue.

use chrono::NaiveDate;

use super::{CaseNumber, IdError, ImplementationCode, ImplementationLevel, LicenceId};

/// A body with a unified social credit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleDepartment {
    /// The name as the guides write it.
    pub name: &'static str,
    pub credit_code: &'static str,
    /// A window unit (政务服务中心) rather than a department.
    pub window_unit: bool,
}

pub const LANTIAN_HOUSING: SampleDepartment = SampleDepartment {
    name: "蓝田县住房和城乡建设局",
    credit_code: "11610122MB2961040U",
    window_unit: false,
};

pub const LANTIAN_FIRE_BRIGADE: SampleDepartment = SampleDepartment {
    name: "蓝田县消防救援大队",
    credit_code: "11610122MB2961286X",
    window_unit: false,
};

pub const LANTIAN_MARKET_REGULATION: SampleDepartment = SampleDepartment {
    name: "蓝田县市场监督管理局",
    credit_code: "11610122MB2961374C",
    window_unit: false,
};

pub const XIAN_ECOLOGY_LANTIAN_BRANCH: SampleDepartment = SampleDepartment {
    name: "西安市生态环境局蓝田分局",
    credit_code: "11610122MB29614540",
    window_unit: false,
};

pub const XIAN_MARKET_REGULATION: SampleDepartment = SampleDepartment {
    name: "西安市市场监督管理局",
    credit_code: "11610100MB29701318",
    window_unit: false,
};

pub const LANTIAN_SERVICE_CENTRE: SampleDepartment = SampleDepartment {
    name: "蓝田县政务服务中心",
    credit_code: "12610122MB2961534G",
    window_unit: true,
};

pub const XIAN_SERVICE_CENTRE: SampleDepartment = SampleDepartment {
    name: "西安市政务服务中心",
    credit_code: "12610100MB2970211Q",
    window_unit: true,
};

/// Every sample body.
pub const DEPARTMENTS: &[SampleDepartment] = &[
    LANTIAN_HOUSING,
    LANTIAN_FIRE_BRIGADE,
    LANTIAN_MARKET_REGULATION,
    XIAN_ECOLOGY_LANTIAN_BRANCH,
    XIAN_MARKET_REGULATION,
    LANTIAN_SERVICE_CENTRE,
    XIAN_SERVICE_CENTRE,
];

/// The sample body of a name.
pub fn department(name: &str) -> Option<&'static SampleDepartment> {
    DEPARTMENTS.iter().find(|d| d.name == name)
}

/// An electronic licence type (证照类型代码: the defining body's credit code
/// and a three-digit number; made up like the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleLicenceType {
    pub name: &'static str,
    pub type_code: &'static str,
}

pub const FOOD_BUSINESS_LICENCE: SampleLicenceType = SampleLicenceType {
    name: "食品经营许可证",
    type_code: "11100000MB0199013B001",
};

pub const CONSTRUCTION_WORKS_PERMIT: SampleLicenceType = SampleLicenceType {
    name: "建筑工程施工许可证",
    type_code: "11100000MB0199283X011",
};

/// A sample guide's item as its department implements it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleItem {
    /// The item's code in the guide file (`item.code`).
    pub item_code: &'static str,
    pub item_name: &'static str,
    pub department: SampleDepartment,
    pub level: ImplementationLevel,
    /// The 12-character basic code (基本编码).
    pub basic_code: &'static str,
    /// The electronic licence the item issues, if it issues one.
    pub licence_type: Option<SampleLicenceType>,
}

impl SampleItem {
    /// The item's 实施编码.
    pub fn implementation_code(&self) -> ImplementationCode {
        ImplementationCode::from_valid_parts(
            self.department.credit_code,
            self.level,
            self.basic_code,
        )
    }

    /// The number of the `sequence`th case (from 1) received on
    /// `receipt_date`.
    pub fn case_number(
        &self,
        receipt_date: NaiveDate,
        sequence: u32,
    ) -> Result<CaseNumber, IdError> {
        CaseNumber::new(&self.implementation_code(), receipt_date, sequence)
    }

    /// The identifier of the licence with serial `serial` (digits and
    /// capitals) the item's department issues, when the item issues one.
    pub fn licence_id(&self, serial: &str, version: u16) -> Option<Result<LicenceId, IdError>> {
        self.licence_type.map(|licence| {
            LicenceId::new(
                licence.type_code,
                self.department.credit_code,
                serial,
                version,
            )
        })
    }
}

/// The items of `tests/fixtures/guides/`, all implemented at county level.
pub const ITEMS: &[SampleItem] = &[
    SampleItem {
        item_code: "610122-SCJG-XK-0001",
        item_name: "食品经营许可（新办）",
        department: LANTIAN_MARKET_REGULATION,
        level: ImplementationLevel::County,
        basic_code: "000172006000",
        licence_type: Some(FOOD_BUSINESS_LICENCE),
    },
    SampleItem {
        item_code: "610122-ZJ-XK-0001",
        item_name: "建筑工程施工许可证核发",
        department: LANTIAN_HOUSING,
        level: ImplementationLevel::County,
        basic_code: "000141001000",
        licence_type: Some(CONSTRUCTION_WORKS_PERMIT),
    },
    SampleItem {
        item_code: "610122-XF-XK-0001",
        item_name: "公众聚集场所投入使用、营业前消防安全检查",
        department: LANTIAN_FIRE_BRIGADE,
        level: ImplementationLevel::County,
        basic_code: "000175014000",
        licence_type: None,
    },
    SampleItem {
        item_code: "610122-STHJ-BA-0001",
        item_name: "建设项目环境影响登记表备案",
        department: XIAN_ECOLOGY_LANTIAN_BRANCH,
        level: ImplementationLevel::County,
        basic_code: "001185002000",
        licence_type: None,
    },
];

/// The sample item of a guide's item code.
pub fn item(item_code: &str) -> Option<&'static SampleItem> {
    ITEMS.iter().find(|i| i.item_code == item_code)
}

/// The 办件编号 of the `sequence`th case of the sample item `item_code`
/// received on `receipt_date`; `None` for an item without a sample.
pub fn case_number(
    item_code: &str,
    receipt_date: NaiveDate,
    sequence: u32,
) -> Option<Result<CaseNumber, IdError>> {
    item(item_code).map(|i| i.case_number(receipt_date, sequence))
}
