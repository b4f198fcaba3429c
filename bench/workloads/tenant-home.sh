# The tenant home page (GET /tenant) as seeded tenant 1: balance and payment history.
seeded_workloads+=(tenant-home)

tenant_home_cookie=""

setup_tenant_home() {
    tenant_home_cookie="$(bench_login "$1" "tenant1@bench.nyumba.test")"
    bench_check_page "$tenant_home_cookie" "${1}tenant"
}
workload_tenant_home() {
    run_wrk "${1}tenant" -H "Cookie: $tenant_home_cookie"
}
