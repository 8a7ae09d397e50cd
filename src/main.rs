use std::process::ExitCode;

fn main() -> ExitCode {
    let code = lyncsh::cli::main(std::env::args_os().skip(1));
    // Exit codes wrap modulo 256 as the operating system reports them (`exit -1` is 255).
    ExitCode::from(code.rem_euclid(256) as u8)
}
