//! The `attache` binary: parse the command line into settings, run the command, exit with its
//! code (0 ok, 1 some inputs failed or the command failed, 2 usage error).

mod cli;
mod cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    let settings = match cli::parse() {
        Ok(s) => s,
        Err(code) => return code,
    };
    cli::init_logging(&settings);
    match cmd::run(&settings) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attache: {}", cmd::one_line(&err));
            ExitCode::from(1)
        }
    }
}
