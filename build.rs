fn main() {
    // Fluent files are embedded at compile time: rebuild when they change.
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=migrations");
}
