import MariaDB
import Web

/// The landlord's properties and units, checked like the property pages.
enum APIPropertyRoutes {
    /// One line of the list of properties.
    struct Summary: Encodable {
        let id: Int64
        let name: String
        let location: String
        let units: Int
        let occupied: Int
        let pending: Int
    }

    /// A property with its code, invite link and units.
    struct Detail: Encodable {
        let id: Int64
        let name: String
        let location: String
        let code: String
        let inviteLink: String
        let defaultRent: Int
        let units: [Unit]
    }

    /// A unit with the tenant of its open lease.
    struct Unit: Encodable {
        let id: Int64
        let label: String
        let monthlyRent: Int
        let tenantName: String?

        init(_ unit: UnitOccupancy) {
            id = unit.id.raw
            label = unit.label
            monthlyRent = unit.monthlyRent
            tenantName = unit.tenantName
        }

        private enum CodingKeys: String, CodingKey { case id, label, monthlyRent, tenantName }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(label, forKey: .label)
            try c.encode(monthlyRent, forKey: .monthlyRent)
            try c.encode(tenantName, forKey: .tenantName)
        }
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/properties", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let summaries = try PropertyStore(db: context.db).summaries(landlord: try caller.landlord())
            return APIJSON.response(
                page.slice(summaries) {
                    Summary(
                        id: $0.id.raw, name: $0.name, location: $0.location, units: $0.units, occupied: $0.occupied,
                        pending: $0.pending)
                })
        }
        router.api("POST", "/landlord/properties", access: .landlord) { request, caller, context in
            let body = try APIBody(request, renaming: ["unit_count": "units", "default_rent": "rent"])
            let (typed, value) = PropertyForm.read(body.form)
            guard let value else { throw APIError.validation(body.fields(typed.errors)) }
            let landlord = try caller.landlord()
            let id = try PropertyStore(db: context.db).create(
                value, landlord: landlord, versions: context.versions,
                key: OneTimeKey.read(request.headers["idempotency-key"]))
            return APIJSON.response(try detail(id, landlord: landlord, context), status: 201)
        }
        router.api("GET", "/landlord/properties/:id", access: .landlord) { request, caller, context in
            APIJSON.response(try detail(try propertyID(request), landlord: try caller.landlord(), context))
        }
        router.api("GET", "/landlord/properties/:id/units", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let property = try lookUp(request, caller, context)
            let units = try PropertyStore(db: context.db).units(of: property.id, landlord: property.landlordID)
            return APIJSON.response(page.slice(units, Unit.init))
        }
        router.api("POST", "/landlord/properties/:id/units", access: .landlord) { request, caller, context in
            let property = try lookUp(request, caller, context)
            let body = try APIBody(request, renaming: ["monthly_rent": "rent"])
            let (typed, value) = UnitForm.read(body.form)
            guard let value else { throw APIError.validation(body.fields(typed.errors)) }
            let store = PropertyStore(db: context.db)
            do {
                try store.addUnit(
                    property: property.id, landlord: property.landlordID, label: value.label, rent: value.rent,
                    versions: context.versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                throw APIError.conflict(
                    Words("property.unit_label_taken"), fields: ["label": Words("property.unit_label_taken")])
            }
            guard
                let unit = try store.units(of: property.id, landlord: property.landlordID).last(where: {
                    $0.label == value.label
                })
            else { throw APIError.notFound }
            return APIJSON.response(Unit(unit), status: 201)
        }
        router.api("PUT", "/landlord/properties/:id/units/:unitId", access: .landlord) { request, caller, context in
            let property = try lookUp(request, caller, context)
            let store = PropertyStore(db: context.db)
            guard let unitID = UnitID(segment: request.parameters["unitId"]),
                try store.unit(unitID, property: property.id, landlord: property.landlordID) != nil
            else { throw APIError.notFound }
            let body = try APIBody(request, renaming: ["monthly_rent": "rent"])
            let (typed, value) = UnitForm.read(body.form)
            guard let value else { throw APIError.validation(body.fields(typed.errors)) }
            do {
                try store.updateUnit(
                    unitID, property: property.id, landlord: property.landlordID, label: value.label, rent: value.rent,
                    versions: context.versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                throw APIError.conflict(
                    Words("api.error.label_taken_other"), fields: ["label": Words("api.error.label_taken_other")])
            }
            guard let unit = try store.unit(unitID, property: property.id, landlord: property.landlordID) else {
                throw APIError.notFound
            }
            return APIJSON.response(Unit(unit))
        }
    }

    private static func propertyID(_ request: Request) throws -> PropertyID {
        guard let id = PropertyID(segment: request.parameters["id"]) else { throw APIError.notFound }
        return id
    }

    /// The property of the route's `:id`, if it is the caller's; otherwise 404.
    private static func lookUp(_ request: Request, _ caller: APICaller, _ context: AppContext) throws -> Property {
        guard
            let property = try PropertyStore(db: context.db).property(
                try propertyID(request), landlord: try caller.landlord())
        else { throw APIError.notFound }
        return property
    }

    private static func detail(_ id: PropertyID, landlord: UserID, _ context: AppContext) throws -> Detail {
        let store = PropertyStore(db: context.db)
        guard let property = try store.property(id, landlord: landlord) else { throw APIError.notFound }
        return Detail(
            id: property.id.raw, name: property.name, location: property.location, code: property.code,
            inviteLink: context.config.link("/join/\(property.inviteToken)"), defaultRent: property.defaultRent,
            units: try store.units(of: property.id, landlord: landlord).map(Unit.init))
    }
}
